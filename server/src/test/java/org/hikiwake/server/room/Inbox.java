package org.hikiwake.server.room;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.hikiwake.engine.view.Seen;
import org.hikiwake.engine.view.Sighting;

/** A participant for tests: keeps everything a room delivers to it. */
final class Inbox implements Participant {
  final String name;
  final List<Delivery> deliveries = new ArrayList<>();
  boolean connected = true;

  Inbox(String name) {
    this.name = name;
  }

  @Override
  public void deliver(Delivery delivery) {
    deliveries.add(delivery);
  }

  @Override
  public boolean isConnected() {
    return connected;
  }

  @Override
  public String describe() {
    return name;
  }

  List<Delivery.Item> items() {
    return deliveries.stream().flatMap(d -> d.items().stream()).toList();
  }

  /** Every reply, in order. */
  List<RoomReply> replies() {
    return items().stream().filter(i -> i instanceof Delivery.Reply)
        .map(i -> ((Delivery.Reply) i).reply()).toList();
  }

  RoomReply lastReply() {
    List<RoomReply> all = replies();
    if (all.isEmpty()) {
      throw new AssertionError(name + " got no reply; items: " + items());
    }
    return all.get(all.size() - 1);
  }

  /** Every pushed event, in order. */
  List<Sighting> pushed() {
    return items().stream().filter(i -> i instanceof Delivery.Happened)
        .map(i -> ((Delivery.Happened) i).sighting()).toList();
  }

  List<Long> pushedSeqs() {
    return pushed().stream().map(Sighting::seq).toList();
  }

  Optional<Seen> lastPushed() {
    List<Sighting> all = pushed();
    return all.isEmpty() ? Optional.empty() : Optional.of(all.get(all.size() - 1).seen());
  }

  void clear() {
    deliveries.clear();
  }
}
