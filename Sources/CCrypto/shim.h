#ifndef CLAIMD_CCRYPTO_SHIM_H
#define CLAIMD_CCRYPTO_SHIM_H
#include <openssl/sha.h>
#endif
