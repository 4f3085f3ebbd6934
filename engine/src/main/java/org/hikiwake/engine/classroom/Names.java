package org.hikiwake.engine.classroom;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/**
 * Student names as a class compares them: the same name typed with another
 * case, extra spaces or a missing accent is the same student ("zoe  oneil"
 * finds "Zoë O'Neil" on a roster), and a name that is not on the roster gets
 * the nearest names that are.
 */
public final class Names {
  private Names() {}

  /** The form two names are compared in. */
  public static String key(String name) {
    String stripped = Normalizer.normalize(name.strip(), Normalizer.Form.NFD)
        .replaceAll("\\p{M}+", "");
    return stripped.toLowerCase(Locale.ROOT).replaceAll("['\u2019]", "")
        .replaceAll("[\\s._-]+", " ").strip();
  }

  /** True if the two names are the same student's. */
  public static boolean same(String a, String b) {
    return key(a).equals(key(b));
  }

  /** Up to three names from the list nearest to the typed one, nearest first. */
  public static List<String> nearest(String typed, List<String> names) {
    String k = key(typed);
    List<String> candidates = new ArrayList<>(names);
    candidates.sort(Comparator.comparingInt((String n) -> distance(k, key(n)))
        .thenComparing(n -> n));
    List<String> out = new ArrayList<>();
    for (String n : candidates) {
      int d = distance(k, key(n));
      boolean prefix = !k.isEmpty() && (key(n).startsWith(k) || k.startsWith(key(n)));
      if ((d <= Math.max(2, k.length() / 3) || prefix) && out.size() < 3) {
        out.add(n);
      }
    }
    return out;
  }

  /** Levenshtein distance between two strings (also used to suggest a mistyped word). */
  public static int distance(String a, String b) {
    int[] prev = new int[b.length() + 1];
    int[] cur = new int[b.length() + 1];
    for (int j = 0; j <= b.length(); j++) {
      prev[j] = j;
    }
    for (int i = 1; i <= a.length(); i++) {
      cur[0] = i;
      for (int j = 1; j <= b.length(); j++) {
        int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
        cur[j] = Math.min(Math.min(cur[j - 1] + 1, prev[j] + 1), prev[j - 1] + cost);
      }
      int[] t = prev;
      prev = cur;
      cur = t;
    }
    return prev[b.length()];
  }
}
