// Known-answer computations over the freestanding crypto headers (field, extension, SHA3,
// transcript), shared by the crypto_kat guest and its host test: the guest runs them on rv32im
// (no 128-bit integers, the KECCAK_F1600 precompile) and commits the result bytes; the host
// runs the same code natively and the two byte strings must be identical.
#pragma once

#include <stddef.h>
#include <stdint.h>

#include "crypto/field/ext3.h"
#include "crypto/hash/sha3.h"
#include "crypto/transcript/verifier_transcript.h"

namespace zkvm::kat {

inline constexpr size_t kOutputBytes = 8 * 16 + 3 * 24 + 2 * 32 + 2 * 8;

// Writes kOutputBytes bytes into `out`. `Permutation` is the Keccak-f[1600] to use for the
// second SHA3 digest and the transcript (the precompile in the guest).
template <typename Permutation>
void Compute(uint8_t* out) {
  using crypto::Ext3;
  using crypto::Felt;
  size_t pos = 0;
  auto put_felt = [&](Felt f) {
    f.ToBytes(out + pos);
    pos += 8;
  };
  auto put_ext = [&](const Ext3& e) {
    e.ToBytes(out + pos);
    pos += 24;
  };
  const Felt a = Felt::FromU64(0x0123'4567'89ab'cdefull);
  const Felt b = Felt::FromCanonical(Felt::kModulus - 2);
  const Felt c = Felt::FromU64(uint64_t{1} << 63);
  put_felt(a * b);
  put_felt(a + b);
  put_felt(a - b);
  put_felt(b * b);
  put_felt(c * c);
  put_felt(a.Inverse());
  put_felt(b.Inverse());
  put_felt(a.Pow(0xdead'beefull));
  put_felt(Felt::TwoAdicRoot(20));
  put_felt(Felt::TwoAdicRoot(32));
  Felt batch_in[4] = {a, b, c, Felt::FromU64(12345)};
  Felt batch_out[4];
  crypto::BatchInverse(batch_in, batch_out, 4);
  for (Felt f : batch_out) put_felt(f);
  put_felt(Felt::FromI64(-3));
  put_felt(Felt::FromU64(~uint64_t{0}));

  const Ext3 x(a, b, c), y(c, Felt::FromU64(5), a);
  put_ext(x * y);
  put_ext(x.Inverse());
  put_ext(x.Pow(1000003));

  const uint8_t message[] = "zkvm known-answer test";
  crypto::Sha3_256Digest(message, sizeof(message) - 1, out + pos);
  pos += 32;
  crypto::Sha3_256<Permutation> h;
  h.Update(message, sizeof(message) - 1);
  h.Finalize(out + pos);
  pos += 32;

  crypto::VerifierTranscript<crypto::Sha3TranscriptCore<Permutation>> t("zkvm-kat");
  t.AbsorbFelt("a", a);
  t.AbsorbExt3("x", x);
  put_felt(t.SampleFelt());
  put_felt(Felt::FromCanonical(t.SampleIndex(20)));
}

}  // namespace zkvm::kat
