#!/usr/bin/env python3
"""lossyfs: a pass-through FUSE file system that forgets what was not fsynced.

For the server's power-loss test (PowerLossTest). It mounts BACKING at MOUNT.
Every write and truncate of a file is kept in this process's memory, per file,
and reaches BACKING only when that file is fsynced (fsync or fdatasync).
Closing or flushing a file makes nothing durable. Reads and sizes see the
pending data over the backing file, so the programs on the mount see a normal
file system until the power is cut.

A power cut throws every pending write away, so BACKING then holds exactly
what was fsynced. From the cut on, the file system is dead: every call that
would change something fails with EIO, as the disk of a machine without
power would not take it. Reads still answer, from BACKING.

Limitations, on purpose:
  * Metadata is applied to BACKING at once and is never lost: create, unlink,
    rename, mkdir, rmdir, chmod, utimens. Directory fsync is not simulated (a
    created or renamed file survives a cut even if its folder was never
    fsynced). A created file that was never fsynced survives empty.
  * BACKING's own page cache is not power-cut: what matters here is that
    the program's unsynced writes are dropped, not what the disk below does.
  * A cut drops all unsynced writes. A real disk may also keep some of them,
    in any order, or half a page of one (a torn write); that is not
    simulated.
  * POSIX byte-range locks (fcntl) are left to the kernel: this file system
    does not implement the lock operation, so the kernel keeps the locks for
    the mount locally, which is right for programs on one machine.
  * Shared writable mmap (SQLite's -shm) works through the kernel's page
    cache; its pages reach this process when the kernel writes them back.

Control, one command a line on standard input; answers on standard output:
  cut           cut the power now; answers "cut dropped_bytes=N ...".
  arm SUFFIX N  cut the power right after the N-th write, from now on, to a
                file whose name ends with SUFFIX (that write is dropped too,
                and fails); answers "armed", and "cut ..." when it happens.
  stats         answers "stats pending_bytes=N synced_bytes=M fsyncs=K".
End of input unmounts the file system (lazily), so a test that dies leaves
no mount behind. "ready" is printed once the mount answers.

Usage: lossyfs.py BACKING MOUNT    (or lossyfs.py --check: is fusepy there?)
"""

import errno
import logging
import os
import subprocess
import sys
import threading

try:
    import fusepy as fuse  # Debian's python3-fusepy names the module so
except ImportError:
    import fuse  # the fusepy package from PyPI

BLOCK = 4096


class Pending:
    """A file's writes and truncates since its last fsync, block by block.

    Invariants: bytes of BACKING below `keep` are still the file's unless a
    block covers them; bytes at or past `keep` that no block covers are zero;
    no byte at or past `size` is set in a block.
    """

    def __init__(self, backing_size):
        self.blocks = {}
        self.size = backing_size
        self.keep = backing_size
        self.written = 0  # bytes handed to write() since the last fsync
        self.writes = 0

    def _backing_block(self, real, index):
        start = index * BLOCK
        want = min(BLOCK, self.keep - start)
        data = b''
        if want > 0:
            fd = os.open(real, os.O_RDONLY)
            try:
                data = os.pread(fd, want, start)
            finally:
                os.close(fd)
        return data + bytes(BLOCK - len(data))

    def read(self, real, size, offset):
        end = min(offset + size, self.size)
        out = bytearray()
        pos = offset
        while pos < end:
            index, inside = divmod(pos, BLOCK)
            block = self.blocks.get(index)
            if block is None:
                block = self._backing_block(real, index)
            take = min(BLOCK - inside, end - pos)
            out += block[inside:inside + take]
            pos += take
        return bytes(out)

    def write(self, real, data, offset):
        pos = offset
        done = 0
        while done < len(data):
            index, inside = divmod(pos, BLOCK)
            block = self.blocks.get(index)
            if block is None:
                block = bytearray(self._backing_block(real, index))
                self.blocks[index] = block
            take = min(BLOCK - inside, len(data) - done)
            block[inside:inside + take] = data[done:done + take]
            pos += take
            done += take
        self.size = max(self.size, offset + len(data))
        self.written += len(data)
        self.writes += 1

    def truncate(self, length):
        if length < self.size:
            self.keep = min(self.keep, length)
            for index in [i for i in self.blocks if i * BLOCK >= length]:
                del self.blocks[index]
            index, inside = divmod(length, BLOCK)
            if index in self.blocks:
                self.blocks[index][inside:] = bytes(BLOCK - inside)
        self.size = length

    def apply(self, real):
        """Writes this file's pending data to BACKING and fsyncs it there."""
        fd = os.open(real, os.O_WRONLY)
        try:
            if self.keep < os.fstat(fd).st_size:
                os.ftruncate(fd, self.keep)
            for index, block in sorted(self.blocks.items()):
                start = index * BLOCK
                os.pwrite(fd, bytes(block[:min(BLOCK, self.size - start)]), start)
            os.ftruncate(fd, self.size)
            os.fsync(fd)
        finally:
            os.close(fd)


class LossyFs(fuse.Operations):
    use_ns = True

    def __init__(self, backing, mount):
        self.backing = os.path.realpath(backing)
        self.mount = mount
        self.mutex = threading.Lock()
        self.out = threading.Lock()
        self.pending = {}  # path in the mount -> Pending
        self.dead = False
        self.armed = None  # (suffix, writes still to go)
        self.synced_bytes = 0
        self.fsyncs = 0

    # -------------------------------------------------------------- helpers

    def say(self, line):
        with self.out:
            sys.stdout.write(line + '\n')
            sys.stdout.flush()

    def real(self, path):
        return self.backing + path

    def alive(self):
        if self.dead:
            raise fuse.FuseOSError(errno.EIO)

    def of(self, path):
        p = self.pending.get(path)
        if p is None:
            p = Pending(os.lstat(self.real(path)).st_size)
            self.pending[path] = p
        return p

    def cut(self, reason):
        """Drops every pending write; from now on nothing changes. Holds self.mutex."""
        if self.dead:
            self.say('cut dropped_bytes=0 dropped_writes=0 files= reason=%s again' % reason)
            return
        self.dead = True
        self.armed = None
        dropped = sum(p.written for p in self.pending.values())
        writes = sum(p.writes for p in self.pending.values())
        files = ','.join('%s:%d' % (os.path.basename(path), p.written)
                         for path, p in sorted(self.pending.items()) if p.written)
        self.pending.clear()
        self.say('cut dropped_bytes=%d dropped_writes=%d files=%s reason=%s'
                 % (dropped, writes, files, reason))

    # ------------------------------------------------------------ operations

    def init(self, path):
        self.say('ready')

    def getattr(self, path, fh=None):
        with self.mutex:
            st = os.lstat(self.real(path))
            attrs = {key: getattr(st, key) for key in (
                'st_mode', 'st_nlink', 'st_uid', 'st_gid', 'st_size', 'st_blocks',
                'st_atime_ns', 'st_mtime_ns', 'st_ctime_ns')}
            for key in ('st_atime', 'st_mtime', 'st_ctime'):
                attrs[key] = attrs.pop(key + '_ns')
            p = self.pending.get(path)
            if p is not None:
                attrs['st_size'] = p.size
                attrs['st_blocks'] = (p.size + 511) // 512
            return attrs

    def readdir(self, path, fh):
        return ['.', '..'] + os.listdir(self.real(path))

    def statfs(self, path):
        st = os.statvfs(self.real(path))
        return {key: getattr(st, key) for key in (
            'f_bsize', 'f_frsize', 'f_blocks', 'f_bfree', 'f_bavail', 'f_files',
            'f_ffree', 'f_favail', 'f_flag', 'f_namemax')}

    def mkdir(self, path, mode):
        with self.mutex:
            self.alive()
            os.mkdir(self.real(path), mode)

    def rmdir(self, path):
        with self.mutex:
            self.alive()
            os.rmdir(self.real(path))

    def unlink(self, path):
        with self.mutex:
            self.alive()
            os.unlink(self.real(path))
            self.pending.pop(path, None)

    def rename(self, old, new):
        with self.mutex:
            self.alive()
            os.rename(self.real(old), self.real(new))
            moved = {}
            for path in list(self.pending):
                if path == new or path.startswith(new + '/'):
                    del self.pending[path]  # replaced by the rename
            for path in list(self.pending):
                if path == old or path.startswith(old + '/'):
                    moved[new + path[len(old):]] = self.pending.pop(path)
            self.pending.update(moved)

    def chmod(self, path, mode):
        with self.mutex:
            self.alive()
            os.chmod(self.real(path), mode)

    def chown(self, path, uid, gid):
        with self.mutex:
            self.alive()
            os.chown(self.real(path), uid, gid)

    def utimens(self, path, times=None):
        with self.mutex:
            self.alive()
            if times is None:
                os.utime(self.real(path))
            else:
                os.utime(self.real(path), ns=times)

    def create(self, path, mode, fi=None):
        with self.mutex:
            self.alive()
            os.close(os.open(self.real(path), os.O_WRONLY | os.O_CREAT, mode))
            return 0

    def open(self, path, flags):
        with self.mutex:
            if flags & os.O_TRUNC:
                self.alive()
                self.of(path).truncate(0)
            return 0

    def read(self, path, size, offset, fh):
        with self.mutex:
            p = self.pending.get(path)
            if p is not None:
                return p.read(self.real(path), size, offset)
            fd = os.open(self.real(path), os.O_RDONLY)
            try:
                return os.pread(fd, size, offset)
            finally:
                os.close(fd)

    def write(self, path, data, offset, fh):
        with self.mutex:
            self.alive()
            self.of(path).write(self.real(path), data, offset)
            if self.armed and path.endswith(self.armed[0]):
                suffix, left = self.armed
                self.armed = (suffix, left - 1) if left > 1 else None
                if left == 1:
                    self.cut('armed:%s' % suffix)
                    raise fuse.FuseOSError(errno.EIO)
            return len(data)

    def truncate(self, path, length, fh=None):
        with self.mutex:
            self.alive()
            self.of(path).truncate(length)

    def fsync(self, path, datasync, fh):
        with self.mutex:
            self.alive()
            p = self.pending.pop(path, None)
            if p is not None:
                p.apply(self.real(path))
                self.synced_bytes += p.written
            self.fsyncs += 1
            return 0

    def fsyncdir(self, path, datasync, fh):
        return 0  # metadata is applied at once; see the header

    def flush(self, path, fh):
        return 0  # a close makes nothing durable

    def release(self, path, fh):
        return 0

    # ---------------------------------------------------------------- control

    def control(self):
        for line in sys.stdin:
            words = line.split()
            if not words:
                continue
            with self.mutex:
                if words[0] == 'cut':
                    self.cut('command')
                elif words[0] == 'arm' and len(words) == 3:
                    self.armed = (words[1], max(1, int(words[2])))
                    self.say('armed')
                elif words[0] == 'stats':
                    self.say('stats pending_bytes=%d synced_bytes=%d fsyncs=%d' % (
                        sum(p.written for p in self.pending.values()), self.synced_bytes,
                        self.fsyncs))
                else:
                    self.say('unknown command: %s' % line.strip())
        # nobody drives us any more: leave no mount behind
        unmount(self.mount)


def unmount(mount):
    if os.geteuid() == 0:
        subprocess.run(['umount', '-l', mount], check=False)
    else:
        subprocess.run(['fusermount', '-u', '-z', mount], check=False)


def main(argv):
    if argv[1:] == ['--check']:
        print('fusepy %s' % getattr(fuse, '__version__', '?'))
        return 0
    if len(argv) != 3:
        sys.stderr.write(__doc__)
        return 2
    logging.basicConfig(stream=sys.stderr, level=logging.WARNING)
    backing, mount = argv[1], argv[2]
    for name in os.listdir(backing):
        # files unlinked while open that a cut left behind: orphans, gone at the next mount
        if name.startswith('.fuse_hidden'):
            os.unlink(os.path.join(backing, name))
    fs = LossyFs(backing, mount)
    threading.Thread(target=fs.control, name='control', daemon=True).start()
    fuse.FUSE(fs, mount, foreground=True, nothreads=False, fsname='lossyfs')
    return 0


if __name__ == '__main__':
    sys.exit(main(sys.argv))
