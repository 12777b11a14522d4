#include "crypto/hash/sha3_batch.h"

#include <openssl/evp.h>

#include "base/check.h"

namespace zkvm::crypto {

bool Sha3BatchBackendSupported(Sha3BatchBackend backend) {
  switch (backend) {
    case Sha3BatchBackend::kOpenSsl:
    case Sha3BatchBackend::kScalar:
      return true;
    case Sha3BatchBackend::kAvx2:
      return SimdPathSupported(SimdPath::kAvx2);
    case Sha3BatchBackend::kAvx512:
      return SimdPathSupported(SimdPath::kAvx512);
  }
  return false;
}

Sha3BatchBackend BestSha3BatchBackend() {
  switch (BestSimdPath()) {
    case SimdPath::kAvx512:
      return Sha3BatchBackend::kAvx512;
    case SimdPath::kAvx2:
      return Sha3BatchBackend::kAvx2;
    case SimdPath::kScalar:
      break;
  }
  return Sha3BatchBackend::kOpenSsl;
}

const char* Sha3BatchBackendName(Sha3BatchBackend backend) {
  switch (backend) {
    case Sha3BatchBackend::kOpenSsl:
      return "openssl";
    case Sha3BatchBackend::kScalar:
      return "scalar";
    case Sha3BatchBackend::kAvx2:
      return "avx2";
    case Sha3BatchBackend::kAvx512:
      return "avx512";
  }
  return "unknown";
}

namespace detail {

void OpenSslSha3_256Many(const uint8_t* data, size_t stride, size_t message_bytes, size_t count,
                         uint8_t* digests) {
  // Fetch the implementation once; EVP_Digest with EVP_sha3_256() would fetch it per call.
  static EVP_MD* const md = EVP_MD_fetch(nullptr, "SHA3-256", nullptr);
  ZKVM_CHECK(md != nullptr, "OpenSSL has no SHA3-256");
  EVP_MD_CTX* ctx = EVP_MD_CTX_new();
  ZKVM_CHECK(ctx != nullptr, "EVP_MD_CTX_new failed");
  for (size_t i = 0; i < count; ++i) {
    unsigned int size = 0;
    const bool ok = EVP_DigestInit_ex2(ctx, md, nullptr) == 1 &&
                    EVP_DigestUpdate(ctx, data + i * stride, message_bytes) == 1 &&
                    EVP_DigestFinal_ex(ctx, digests + 32 * i, &size) == 1 && size == 32;
    ZKVM_CHECK(ok, "OpenSSL SHA3-256 failed");
  }
  EVP_MD_CTX_free(ctx);
}

}  // namespace detail

void Sha3_256Batch(Sha3BatchBackend backend, const uint8_t* data, size_t stride,
                   size_t message_bytes, size_t num_messages, uint8_t* digests) {
  ZKVM_CHECK(Sha3BatchBackendSupported(backend), "SHA3 batch backend not supported on this CPU");
  ZKVM_CHECK(stride >= message_bytes || num_messages <= 1, "messages overlap");
  if (backend == Sha3BatchBackend::kOpenSsl) {
    detail::OpenSslSha3_256Many(data, stride, message_bytes, num_messages, digests);
    return;
  }
  const size_t whole_lanes = message_bytes / 8;
  const size_t tail = message_bytes % 8;
  Sha3_256BatchLanes(
      backend, num_messages, message_bytes,
      [&](size_t i, size_t l) -> uint64_t {
        const uint8_t* p = data + i * stride + 8 * l;
        if (l < whole_lanes) return detail::LoadLe64(p);
        uint8_t bytes[8] = {};
        std::memcpy(bytes, p, tail);
        return detail::LoadLe64(bytes);
      },
      digests);
}

}  // namespace zkvm::crypto
