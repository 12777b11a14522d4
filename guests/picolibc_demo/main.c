/* A C guest using picolibc: printf to stderr (the debug stream), malloc, string functions, and
 * write() to fd 1 for the public output. Shows that a guest can use an ordinary C library.
 *
 * Payload: any bytes. Public output: "picolibc: <payload length> bytes: " followed by the
 * payload bytes as they are, then "\n". */

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "syscalls/zkvm_c.h"

int main(void) {
  size_t input_size;
  const uint8_t* input = zkvm_private_input(&input_size);
  fprintf(stderr, "picolibc_demo: %d input bytes, %s, magic 0x%x\n", (int)input_size, "tinystdio",
          0xC0FFEEu);

  char prefix[48];
  snprintf(prefix, sizeof(prefix), "picolibc: %u bytes: ", (unsigned)input_size);
  const size_t prefix_length = strlen(prefix);
  const size_t total = prefix_length + input_size + 1;

  char* buffer = malloc(total + 1);
  if (buffer == NULL) {
    fprintf(stderr, "picolibc_demo: malloc failed\n");
    return 1;
  }
  memset(buffer, 0, total + 1);
  memcpy(buffer, prefix, prefix_length);
  memcpy(buffer + prefix_length, input, input_size);
  buffer[total - 1] = '\n';
  if (write(1, buffer, total) != (ssize_t)total) return 2;
  free(buffer);
  return 0;
}
