// LD_PRELOAD shim for bench/fleet_sim: counts the fsync and fdatasync calls of the
// process it is loaded into (the controller) in a shared 8-byte counter file named by
// $BERTH_FSYNC_COUNTER, which fleet_sim reads while the controller runs. Not part of
// any product binary.
#ifndef _GNU_SOURCE
#define _GNU_SOURCE
#endif
#include <dlfcn.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdlib.h>
#include <sys/mman.h>
#include <unistd.h>

extern "C" {

static volatile uint64_t* counter;

__attribute__((constructor)) static void OpenCounter(void) {
  const char* path = getenv("BERTH_FSYNC_COUNTER");
  if (path == NULL) return;
  int fd = open(path, O_RDWR);
  if (fd < 0) return;
  void* p = mmap(NULL, sizeof(uint64_t), PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
  close(fd);
  if (p != MAP_FAILED) counter = static_cast<volatile uint64_t*>(p);
}

static void Count(void) {
  if (counter != NULL) __atomic_add_fetch(counter, 1, __ATOMIC_RELAXED);
}

int fsync(int fd) {
  static int (*real)(int);
  if (real == NULL) real = reinterpret_cast<int (*)(int)>(dlsym(RTLD_NEXT, "fsync"));
  Count();
  return real(fd);
}

int fdatasync(int fd) {
  static int (*real)(int);
  if (real == NULL) real = reinterpret_cast<int (*)(int)>(dlsym(RTLD_NEXT, "fdatasync"));
  Count();
  return real(fd);
}

}  // extern "C"
