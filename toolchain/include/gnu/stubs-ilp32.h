/* Empty on purpose. The riscv64-linux-gnu cross package ships glibc headers for rv64 only:
 * with -mabi=ilp32, <gnu/stubs.h> selects gnu/stubs-ilp32.h, which that package lacks, so
 * every C++ standard header that reaches <features.h> fails to compile. Guests never link
 * glibc (they are -nostdlib), so the list of unimplemented glibc functions this file would
 * normally hold is irrelevant here. */
