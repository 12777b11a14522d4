/* Start-up code of every zkvm guest (DESIGN.md section 2).
 *
 * The executor enters at the ELF entry with sp = 0xBFFF_FFF0 and every other register 0; under
 * qemu-riscv32 the kernel provides a stack. _start (placed first in the text segment by
 * toolchain/guest.ld) sets gp for gp-relative small data, points tp at the single thread's TLS
 * block (picolibc keeps errno there; the template is used in place), aligns sp down to 16, runs
 * the global constructors in .init_array, calls `int main()` and HALTs with its return value.
 * .bss needs no clearing: the loader maps memsz > filesz as zeros. */

  .section .text.start, "ax", @progbits
  .globl _start
  .type _start, @function
_start:
  .option push
  .option norelax
  lla gp, __global_pointer$
  .option pop
  lla tp, __tls_base
  andi sp, sp, -16

  /* Global constructors, in .init_array order. s0/s1 survive the calls. */
  lla s0, __init_array_start
  lla s1, __init_array_end
1:
  bgeu s0, s1, 2f
  lw t0, 0(s0)
  jalr t0
  addi s0, s0, 4
  j 1b
2:
  call main

  /* a0 = main's result. The picolibc runtime defines zkvm_runtime_exit (C's exit(): atexit
   * handlers, stdio flush, then HALT); otherwise HALT right here. */
  .weak zkvm_runtime_exit
  lui t0, %hi(zkvm_runtime_exit)
  addi t0, t0, %lo(zkvm_runtime_exit)
  beqz t0, 3f
  jr t0
3:
  li a7, 93 /* abi::kSysHalt */
  ecall
4:
  j 4b
  .size _start, . - _start
