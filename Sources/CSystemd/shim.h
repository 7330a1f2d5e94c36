#ifndef CLAIMD_CSYSTEMD_SHIM_H
#define CLAIMD_CSYSTEMD_SHIM_H
#include <systemd/sd-journal.h>
#include <systemd/sd-daemon.h>
#endif
