#pragma once

// The part of the GM/T 0016-2012 smart-key C interface ("SKF") that the
// appliance uses, declared from the names in the standard.
//
// Calling convention on Linux: plain C, cdecl (DEVAPI expands to nothing;
// Windows vendor headers use __stdcall there). ULONG is a 32-bit unsigned
// integer as in the common Linux vendor headers, so it is declared as
// uint32_t here and not as `unsigned long`, which is 64 bits on LP64.
// Common vendor headers pack their structures to 1 byte. The structures
// below have no padding either way, and the static_asserts check their sizes.
//
// Name lists (SKF_EnumDev, SKF_EnumApplication, SKF_EnumContainer) are
// sequences of NUL-terminated strings ended by an extra NUL. Called with a
// null buffer, they store the required size in bytes in *pulSize.

#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

#define DEVAPI

typedef int32_t BOOL;
typedef uint8_t BYTE;
typedef char CHAR;
typedef int32_t LONG;
typedef uint32_t ULONG;
typedef uint32_t UINT;
typedef uint32_t DWORD;
typedef char *LPSTR;
typedef void *HANDLE;
typedef HANDLE DEVHANDLE;
typedef HANDLE HAPPLICATION;
typedef HANDLE HCONTAINER;

#ifndef TRUE
#define TRUE 1
#endif
#ifndef FALSE
#define FALSE 0
#endif

// PIN types of SKF_VerifyPIN.
#define ADMIN_TYPE 0
#define USER_TYPE 1

// Coordinates and signature values are big-endian, right-aligned in
// 64-byte arrays. A 256-bit SM2 value occupies the last 32 bytes.
#define ECC_MAX_XCOORDINATE_BITS_LEN 512
#define ECC_MAX_YCOORDINATE_BITS_LEN 512
#define ECC_MAX_MODULUS_BITS_LEN 512

#pragma pack(push, 1)

typedef struct Struct_ECCPUBLICKEYBLOB {
    ULONG BitLen;
    BYTE XCoordinate[ECC_MAX_XCOORDINATE_BITS_LEN / 8];
    BYTE YCoordinate[ECC_MAX_YCOORDINATE_BITS_LEN / 8];
} ECCPUBLICKEYBLOB, *PECCPUBLICKEYBLOB;

typedef struct Struct_ECCSIGNATUREBLOB {
    BYTE r[ECC_MAX_XCOORDINATE_BITS_LEN / 8];
    BYTE s[ECC_MAX_XCOORDINATE_BITS_LEN / 8];
} ECCSIGNATUREBLOB, *PECCSIGNATUREBLOB;

#pragma pack(pop)

#ifdef __cplusplus
static_assert(sizeof(ECCPUBLICKEYBLOB) == 132, "ECCPUBLICKEYBLOB must be 4 + 64 + 64 bytes");
static_assert(sizeof(ECCSIGNATUREBLOB) == 128, "ECCSIGNATUREBLOB must be 64 + 64 bytes");
#endif

// Return codes of GM/T 0016-2012.
#define SAR_OK 0x00000000u
#define SAR_FAIL 0x0A000001u
#define SAR_UNKNOWNERR 0x0A000002u
#define SAR_NOTSUPPORTYETERR 0x0A000003u
#define SAR_FILEERR 0x0A000004u
#define SAR_INVALIDHANDLEERR 0x0A000005u
#define SAR_INVALIDPARAMERR 0x0A000006u
#define SAR_READFILEERR 0x0A000007u
#define SAR_WRITEFILEERR 0x0A000008u
#define SAR_NAMELENERR 0x0A000009u
#define SAR_KEYUSAGEERR 0x0A00000Au
#define SAR_MODULUSLENERR 0x0A00000Bu
#define SAR_NOTINITIALIZEERR 0x0A00000Cu
#define SAR_OBJERR 0x0A00000Du
#define SAR_MEMORYERR 0x0A00000Eu
#define SAR_TIMEOUTERR 0x0A00000Fu
#define SAR_INDATALENERR 0x0A000010u
#define SAR_INDATAERR 0x0A000011u
#define SAR_GENRANDERR 0x0A000012u
#define SAR_HASHOBJERR 0x0A000013u
#define SAR_HASHERR 0x0A000014u
#define SAR_GENRSAKEYERR 0x0A000015u
#define SAR_RSAMODULUSLENERR 0x0A000016u
#define SAR_CSPIMPRTPUBKEYERR 0x0A000017u
#define SAR_RSAENCERR 0x0A000018u
#define SAR_RSADECERR 0x0A000019u
#define SAR_HASHNOTEQUALERR 0x0A00001Au
#define SAR_KEYNOTFOUNTERR 0x0A00001Bu // sic: the standard's spelling
#define SAR_CERTNOTFOUNTERR 0x0A00001Cu
#define SAR_NOTEXPORTERR 0x0A00001Du
#define SAR_DECRYPTPADERR 0x0A00001Eu
#define SAR_MACLENERR 0x0A00001Fu
#define SAR_BUFFER_TOO_SMALL 0x0A000020u
#define SAR_KEYINFOTYPEERR 0x0A000021u
#define SAR_NOT_EVENTERR 0x0A000022u
#define SAR_DEVICE_REMOVED 0x0A000023u
#define SAR_PIN_INCORRECT 0x0A000024u
#define SAR_PIN_LOCKED 0x0A000025u
#define SAR_PIN_INVALID 0x0A000026u
#define SAR_PIN_LEN_RANGE 0x0A000027u
#define SAR_USER_ALREADY_LOGGED_IN 0x0A000028u
#define SAR_USER_PIN_NOT_INITIALIZED 0x0A000029u
#define SAR_USER_TYPE_INVALID 0x0A00002Au
#define SAR_APPLICATION_NAME_INVALID 0x0A00002Bu
#define SAR_APPLICATION_EXISTS 0x0A00002Cu
#define SAR_USER_NOT_LOGGED_IN 0x0A00002Du
#define SAR_APPLICATION_NOT_EXISTS 0x0A00002Eu
#define SAR_FILE_ALREADY_EXIST 0x0A00002Fu
#define SAR_NO_ROOM 0x0A000030u
#define SAR_FILE_NOT_EXIST 0x0A000031u
#define SAR_REACH_MAX_CONTAINER_COUNT 0x0A000032u

// Device management.
ULONG DEVAPI SKF_EnumDev(BOOL bPresent, LPSTR szNameList, ULONG *pulSize);
ULONG DEVAPI SKF_ConnectDev(LPSTR szName, DEVHANDLE *phDev);
ULONG DEVAPI SKF_DisConnectDev(DEVHANDLE hDev);

// Applications and access control.
ULONG DEVAPI SKF_EnumApplication(DEVHANDLE hDev, LPSTR szAppName, ULONG *pulSize);
ULONG DEVAPI SKF_OpenApplication(DEVHANDLE hDev, LPSTR szAppName, HAPPLICATION *phApplication);
ULONG DEVAPI SKF_CloseApplication(HAPPLICATION hApplication);
ULONG DEVAPI SKF_VerifyPIN(HAPPLICATION hApplication, ULONG ulPINType, LPSTR szPIN, ULONG *pulRetryCount);

// Containers.
ULONG DEVAPI SKF_EnumContainer(HAPPLICATION hApplication, LPSTR szContainerName, ULONG *pulSize);
ULONG DEVAPI SKF_OpenContainer(HAPPLICATION hApplication, LPSTR szContainerName, HCONTAINER *phContainer);
ULONG DEVAPI SKF_CloseContainer(HCONTAINER hContainer);

// Cryptographic services. SKF_ECCSignData signs pbData as the SM2 digest e
// (32 bytes). It does not compute Z_A. bSignFlag TRUE selects the signing
// key pair of the container, FALSE the encryption key pair.
ULONG DEVAPI SKF_ExportPublicKey(HCONTAINER hContainer, BOOL bSignFlag, BYTE *pbBlob, ULONG *pulBlobLen);
ULONG DEVAPI SKF_ECCSignData(HCONTAINER hContainer, BYTE *pbData, ULONG ulDataLen, PECCSIGNATUREBLOB pSignature);
ULONG DEVAPI SKF_ExtECCVerify(DEVHANDLE hDev, ECCPUBLICKEYBLOB *pECCPubKeyBlob, BYTE *pbData, ULONG ulDataLen,
                              PECCSIGNATUREBLOB pSignature);
ULONG DEVAPI SKF_GenRandom(DEVHANDLE hDev, BYTE *pbRandom, ULONG ulRandomLen);

// Pointer types for resolving the functions with dlsym.
typedef ULONG(DEVAPI *PFN_SKF_EnumDev)(BOOL, LPSTR, ULONG *);
typedef ULONG(DEVAPI *PFN_SKF_ConnectDev)(LPSTR, DEVHANDLE *);
typedef ULONG(DEVAPI *PFN_SKF_DisConnectDev)(DEVHANDLE);
typedef ULONG(DEVAPI *PFN_SKF_EnumApplication)(DEVHANDLE, LPSTR, ULONG *);
typedef ULONG(DEVAPI *PFN_SKF_OpenApplication)(DEVHANDLE, LPSTR, HAPPLICATION *);
typedef ULONG(DEVAPI *PFN_SKF_CloseApplication)(HAPPLICATION);
typedef ULONG(DEVAPI *PFN_SKF_VerifyPIN)(HAPPLICATION, ULONG, LPSTR, ULONG *);
typedef ULONG(DEVAPI *PFN_SKF_EnumContainer)(HAPPLICATION, LPSTR, ULONG *);
typedef ULONG(DEVAPI *PFN_SKF_OpenContainer)(HAPPLICATION, LPSTR, HCONTAINER *);
typedef ULONG(DEVAPI *PFN_SKF_CloseContainer)(HCONTAINER);
typedef ULONG(DEVAPI *PFN_SKF_ExportPublicKey)(HCONTAINER, BOOL, BYTE *, ULONG *);
typedef ULONG(DEVAPI *PFN_SKF_ECCSignData)(HCONTAINER, BYTE *, ULONG, PECCSIGNATUREBLOB);
typedef ULONG(DEVAPI *PFN_SKF_ExtECCVerify)(DEVHANDLE, ECCPUBLICKEYBLOB *, BYTE *, ULONG, PECCSIGNATUREBLOB);
typedef ULONG(DEVAPI *PFN_SKF_GenRandom)(DEVHANDLE, BYTE *, ULONG);

#ifdef __cplusplus
}
#endif
