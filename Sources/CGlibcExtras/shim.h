#ifndef CLAIMD_CGLIBCEXTRAS_SHIM_H
#define CLAIMD_CGLIBCEXTRAS_SHIM_H
// glibc calls the Glibc module does not export to Swift: the allocator's controls (malloc_trim
// after a burst), and what worker processes need (prctl is variadic; pipe2 needs _GNU_SOURCE).
#include <fcntl.h>
#include <malloc.h>
#include <signal.h>
#include <sys/prctl.h>

#include <spawn.h>

int pipe2(int pipefd[2], int flags);
int posix_spawn_file_actions_addclosefrom_np(posix_spawn_file_actions_t *actions, int from);

/// Makes the calling process receive SIGKILL when its parent dies.
static inline int claimd_die_with_parent(void) { return prctl(PR_SET_PDEATHSIG, SIGKILL, 0, 0, 0); }

/// A pipe whose ends are closed on exec from the start: another thread's spawn cannot inherit them.
static inline int claimd_pipe_cloexec(int fds[2]) { return pipe2(fds, O_CLOEXEC); }
#endif
