/* What picolibc (tinystdio, nano-malloc) needs from the platform, for guests built with
 * zkvm_add_guest(... PICOLIBC): stdin/stdout/stderr, write(), read(), sbrk() for malloc,
 * _exit() (picolibc's exit() runs the atexit handlers, then _exit), and getpid()/kill() for
 * raise() and abort(), and __errno_location() for C++ sources. Everything else comes from
 * picolibc's rv32im/ilp32 libc.a; start-up and the zkvm calls come from the common runtime, the
 * C++ support from cxx_support.cc and new_delete.cc.
 *
 * stdout is the public output (fd 1) and stderr the debug stream (fd 2). Each is buffered per
 * line, so a printf costs one WRITE per line rather than one per character; the buffers are
 * flushed on '\n', when full, by fflush, and before HALT (zkvm_runtime_before_halt, called by
 * zkvm_halt). When main returns, _start calls zkvm_runtime_exit, which is C's exit(): the
 * atexit handlers run, then _exit HALTs. stdin reads as empty. */

#include <errno.h>
#include <signal.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/types.h>
#include <unistd.h>

#include "syscalls/zkvm_c.h"

enum { kLineBufferSize = 256 };

struct LineBuffer {
  int fd;
  size_t size;
  char data[kLineBufferSize];
};

static struct LineBuffer stdout_line = {1, 0, {0}};
static struct LineBuffer stderr_line = {2, 0, {0}};

static void WriteFd(int fd, const void* data, size_t size) {
  if (fd == 1) {
    zkvm_commit(data, size);
  } else {
    zkvm_debug_print((const char*)data, size);
  }
}

static void FlushLine(struct LineBuffer* line) {
  if (line->size > 0) {
    WriteFd(line->fd, line->data, line->size);
    line->size = 0;
  }
}

static int PutLine(struct LineBuffer* line, char c) {
  line->data[line->size++] = c;
  if (c == '\n' || line->size == kLineBufferSize) FlushLine(line);
  return (unsigned char)c;
}

static int PutStdout(char c, FILE* file) {
  (void)file;
  return PutLine(&stdout_line, c);
}

static int PutStderr(char c, FILE* file) {
  (void)file;
  return PutLine(&stderr_line, c);
}

static int FlushStdout(FILE* file) {
  (void)file;
  FlushLine(&stdout_line);
  return 0;
}

static int FlushStderr(FILE* file) {
  (void)file;
  FlushLine(&stderr_line);
  return 0;
}

static int GetEof(FILE* file) {
  (void)file;
  return _FDEV_EOF;
}

static FILE stdin_file = FDEV_SETUP_STREAM(NULL, GetEof, NULL, _FDEV_SETUP_READ);
static FILE stdout_file = FDEV_SETUP_STREAM(PutStdout, NULL, FlushStdout, _FDEV_SETUP_WRITE);
static FILE stderr_file = FDEV_SETUP_STREAM(PutStderr, NULL, FlushStderr, _FDEV_SETUP_WRITE);

FILE* const stdin = &stdin_file;
FILE* const stdout = &stdout_file;
FILE* const stderr = &stderr_file;

void zkvm_runtime_before_halt(void) {
  FlushLine(&stdout_line);
  FlushLine(&stderr_line);
}

__attribute__((noreturn)) void zkvm_runtime_exit(int status) { exit(status); }

/* Unbuffered: flushes the stdio line of the same stream first to keep the order. */
ssize_t write(int fd, const void* data, size_t size) {
  if (fd != 1 && fd != 2) {
    errno = EBADF;
    return -1;
  }
  FlushLine(fd == 1 ? &stdout_line : &stderr_line);
  WriteFd(fd, data, size);
  return (ssize_t)size;
}

ssize_t read(int fd, void* data, size_t size) {
  (void)fd;
  (void)data;
  (void)size;
  return 0;
}

/* malloc's heap: a bump over [__heap_start, __heap_end) from toolchain/guest.ld. */
extern char __heap_start[];
extern char __heap_end[];
static char* heap_next = __heap_start;

void* sbrk(ptrdiff_t increment) {
  char* const previous = heap_next;
  /* Unsigned arithmetic: the heap can be up to 3 GiB, more than a 32-bit ptrdiff_t holds. */
  const uintptr_t next = (uintptr_t)heap_next;
  const uintptr_t room_up = (uintptr_t)__heap_end - next;
  const uintptr_t room_down = next - (uintptr_t)__heap_start;
  if (increment >= 0 ? (uintptr_t)increment > room_up
                     : (uintptr_t)0 - (uintptr_t)increment > room_down) {
    errno = ENOMEM;
    return (void*)-1;
  }
  heap_next += increment;
  return previous;
}

__attribute__((noreturn)) void _exit(int status) { zkvm_halt((uint32_t)status); }

/* glibc's errno for C++ sources, which compile against glibc's headers: picolibc's errno. */
int* __errno_location(void) { return &errno; }

pid_t getpid(void) { return 1; }

/* raise(signal) ends here when no handler is installed: abort() sends SIGABRT. */
int kill(pid_t pid, int signal) {
  (void)pid;
  zkvm_runtime_before_halt();  // keep the order of buffered and direct debug text
  static const char kAbort[] = "zkvm runtime: abort() called\n";
  static const char kSignal[] = "zkvm runtime: raise() of an unhandled signal\n";
  if (signal == SIGABRT) {
    zkvm_debug_print(kAbort, sizeof(kAbort) - 1);
    zkvm_halt(kExitAbort);
  }
  zkvm_debug_print(kSignal, sizeof(kSignal) - 1);
  zkvm_halt(kExitSignal);
}
