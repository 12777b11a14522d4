/* Wraps glibc's <syscall.h> for rv32 guests. libstdc++'s <bits/atomic_wait.h> (reached from
 * <memory> and <atomic>) names SYS_futex, which rv32 Linux headers do not define (rv32 only has
 * futex_time64). Guests never make Linux futex calls; defining the name lets those headers
 * compile. */
#pragma once
#include_next <syscall.h>
#if !defined(SYS_futex) && defined(SYS_futex_time64)
#define SYS_futex SYS_futex_time64
#endif
