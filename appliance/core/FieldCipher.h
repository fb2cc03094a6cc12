#pragma once

#include "CryptoProvider.h"
#include "Result.h"

#include <QByteArray>
#include <QString>

#include <array>
#include <memory>

namespace gov {

// Authenticated encryption of personal fields (name, ID number, phone,
// address) stored in the local cache, with encrypt-then-MAC over SM4-CTR and
// HMAC-SM3.
//
// Key derivation from the 32-byte master key (HMAC-SM3 as a PRF with one
// label per purpose, so no derived key reveals another or the master key):
//   encryption key = first 16 bytes of HMAC-SM3(master, "gov.field.enc.v1")
//   MAC key        = HMAC-SM3(master, "gov.field.mac.v1")    (32 bytes)
//   index key      = HMAC-SM3(master, "gov.field.index.v1")  (32 bytes)
//
// Blob format (binary, byte offsets):
//   [0]          algorithm id: 0x01 = SM4-CTR + HMAC-SM3. 0x02 is reserved
//                for SM4-GCM, which this class does not write or read yet.
//   [1, 17)      IV: 16 random bytes, the initial SM4-CTR counter block
//                (OpenSSL increments all 128 bits per block)
//   [17, n-32)   ciphertext, as long as the UTF-8 plaintext
//   [n-32, n)    tag: HMAC-SM3(MAC key, id || IV || len(AD) || AD || ciphertext),
//                where len(AD) is the associated data length as 8 bytes big-endian
//
// The associated data (AD) names the place that a ciphertext belongs to,
// such as "cases.applicant_name:<case number>", and is not stored in the
// blob. It appears in error messages, so it must contain ids only, never
// personal data.
//
// Every copy keeps its own derived keys and wipes them when it is
// destroyed. The master key is not kept.
class FieldCipher {
public:
    static constexpr char kAlgorithmSm4CtrHmacSm3 = 0x01;
    static constexpr char kAlgorithmSm4GcmReserved = 0x02;
    static constexpr int kMasterKeySize = 32;
    static constexpr int kIvSize = 16;
    static constexpr int kTagSize = 32;
    static constexpr int kMinBlobSize = 1 + kIvSize + kTagSize;

    // Derives the three field keys from `masterKey`, which must be exactly
    // 32 bytes (ErrorCode::InvalidInput otherwise). The caller still owns
    // `masterKey` and should wipe it once it is no longer needed.
    static Result<FieldCipher> create(std::shared_ptr<const crypto::CryptoProvider> provider,
                                      const QByteArray &masterKey);

    FieldCipher(const FieldCipher &other) = default;
    FieldCipher(FieldCipher &&other) noexcept = default;
    FieldCipher &operator=(const FieldCipher &other) = default;
    FieldCipher &operator=(FieldCipher &&other) noexcept = default;
    ~FieldCipher();

    // Encrypts the UTF-8 form of `plaintext` under a fresh random IV and
    // binds the result to `associatedData`. Encrypting the same value twice
    // gives different blobs.
    Result<QByteArray> encrypt(const QString &plaintext, const QByteArray &associatedData) const;

    // Verifies the tag (constant-time comparison) and only then decrypts.
    // A blob that is too short, has an unknown algorithm id or a wrong tag,
    // or was made with other associated data or another master key returns
    // ErrorCode::Integrity and no plaintext. Invalid UTF-8 behind a valid
    // tag also returns ErrorCode::Integrity.
    Result<QString> decrypt(const QByteArray &blob, const QByteArray &associatedData) const;

    // Returns the 32-byte HMAC-SM3 of the normalized value under the index
    // key, so that a column can be searched by ID number without storing the
    // plaintext. Normalization trims surrounding white space and upper-cases
    // (an ID number's check character "x" matches "X"). An empty value after
    // trimming returns ErrorCode::InvalidInput, because a shared index of
    // all empty values would match unrelated rows.
    Result<QByteArray> blindIndex(const QString &value) const;

private:
    explicit FieldCipher(std::shared_ptr<const crypto::CryptoProvider> provider);

    std::shared_ptr<const crypto::CryptoProvider> m_provider;
    std::array<unsigned char, 16> m_encryptionKey{};
    std::array<unsigned char, 32> m_macKey{};
    std::array<unsigned char, 32> m_indexKey{};
};

} // namespace gov
