# Builds the seccomp filter of the sandboxed interpreters and writes it, as the BPF program
# bubblewrap's --seccomp loads, to the file named by the first argument (created 0600, so only the
# host's user reads it). Run by the host with Debian's python3, whose python3-seccomp binds libseccomp.
# Prints the system calls it refuses, as JSON; exits 3 when the seccomp module is missing.
#
# Everything is allowed but what a model never needs, which is refused with EPERM (the call fails,
# the job goes on). System calls of another ABI than the host's (32-bit int 0x80, x32) kill the
# process: all of it, not only the calling thread (libseccomp's default), which would leave the
# interpreter hanging when it has other threads (numpy's OpenBLAS starts some).
import errno
import json
import os
import sys

try:
    import seccomp
except ImportError:
    sys.exit(3)

REFUSED = [
    "ptrace", "process_vm_readv", "process_vm_writev",          # reading or changing other processes
    "mount", "umount", "umount2",                                # file systems (umount: not on x86_64)
    "unshare", "setns",                                          # new or other namespaces
    "keyctl", "add_key", "request_key",                          # the kernel's key store
    "bpf", "perf_event_open", "userfaultfd",                     # frequent paths of kernel exploits
    "kexec_load", "kexec_file_load",                             # another kernel
    "init_module", "finit_module", "delete_module",              # kernel modules
    "reboot", "swapon", "swapoff",
    "personality",                                               # e.g. turns address randomisation off
    "iopl", "ioperm",                                            # raw I/O ports
]
CLONE_NEWUSER = 0x10000000

native = seccomp.Arch()
refuse = seccomp.ERRNO(errno.EPERM)
f = seccomp.SyscallFilter(defaction=seccomp.ALLOW)
f.set_attr(seccomp.Attr.ACT_BADARCH, seccomp.KILL_PROCESS)
refused = []
for name in REFUSED:
    try:
        number = seccomp.resolve_syscall(native, name)
    except (RuntimeError, ValueError):  # a name this libseccomp does not know
        continue
    if number < 0:  # known, but not a system call of this architecture
        continue
    f.add_rule(refuse, name)
    refused.append(name)

# A new user namespace by clone (unshare is refused above). clone's first argument is its flags on
# x86_64 and arm64. clone3 passes its flags in memory, which a filter cannot read, so it answers
# "not implemented": glibc then falls back to clone for threads, fork and posix_spawn.
f.add_rule(refuse, "clone", seccomp.Arg(0, seccomp.MASKED_EQ, CLONE_NEWUSER, CLONE_NEWUSER))
try:
    f.add_rule(seccomp.ERRNO(errno.ENOSYS), "clone3")
except RuntimeError:  # a libseccomp older than clone3; bubblewrap's --disable-userns still holds
    pass

fd = os.open(sys.argv[1], os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
with os.fdopen(fd, "wb") as out:
    f.export_bpf(out)
print(json.dumps(refused))
