// The corosync client libraries Halyard uses, in one module so `cs_error_t` and friends are
// declared once: CPG (group messaging), quorum (quorate notifications) and votequorum (votes,
// expected votes, two_node / wait_for_all flags).
#include <corosync/corotypes.h>
#include <corosync/cpg.h>
#include <corosync/quorum.h>
#include <corosync/votequorum.h>

// libqb's IPC sockets are abstract, so a CPG client reaches the corosync of the network
// namespace its connecting thread is in. A lab (one corosync per namespace) moves the transport's
// thread into a node's namespace with this before connecting. (glibc declares setns only under
// _GNU_SOURCE, which Swift's Glibc module is not built with.)
extern int setns(int fd, int nstype);
static inline int halyard_enter_network_namespace(int fd) { return setns(fd, 0x40000000 /* CLONE_NEWNET */); }
