#ifndef HALYARD_EXECUTOR_SUPPORT_H
#define HALYARD_EXECUTOR_SUPPORT_H

#include <sys/types.h>

/// Spawns `path` with `argv`/`envp` as the leader of a new session and process group, with
/// default signal dispositions, an empty signal mask, fds 0/1/2 taken from the given descriptors
/// and every other descriptor closed. Returns 0 and stores the pid, or an errno value.
int halyard_spawn(const char *path, char *const argv[], char *const envp[],
                  int stdin_fd, int stdout_fd, int stderr_fd, pid_t *pid_out);

/// A pidfd for `pid` (readable once the process has exited), or -1 with errno set.
int halyard_pidfd_open(pid_t pid);

/// Makes the calling process a child subreaper (orphaned descendants are reparented to it).
/// Returns 0 or -1 with errno set.
int halyard_set_child_subreaper(void);

/// pipe2(fds, O_CLOEXEC). Returns 0 or -1 with errno set.
int halyard_pipe_cloexec(int fds[2]);

/// Waits until some child has exited without reaping it; returns its pid, or -1 with errno set.
pid_t halyard_wait_any_exited(void);

#endif
