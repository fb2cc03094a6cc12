#include "ViolationPipe.h"

#include <QtTest>

#include <seccomp.h>

#include <unistd.h>

using namespace gov;
using namespace gov::sandbox;

namespace {

ViolationRecord makeRecord(std::int32_t syscall)
{
    ViolationRecord record{};
    record.magic = kViolationMagic;
    record.version = kViolationVersion;
    record.role = static_cast<std::uint16_t>(Role::Sync);
    record.syscall = syscall;
    record.arch = SCMP_ARCH_AARCH64;
    record.pid = 4242;
    record.flags = kViolationForbidden;
    return record;
}

bool writeRecord(int fd, const ViolationRecord &record)
{
    return ::write(fd, &record, sizeof record) == static_cast<ssize_t>(sizeof record);
}

} // namespace

class TestSandboxViolationPipe : public QObject {
    Q_OBJECT

private slots:
    void recordDecoded();
    void badRecordDropped();
    void emptyPipeReadsNothing();
};

void TestSandboxViolationPipe::recordDecoded()
{
    ViolationPipe pipe;
    QVERIFY(pipe.open().ok());

    // execve is 221 on arm64 (include/uapi/asm-generic/unistd.h); the name
    // is resolved for the record's architecture, not the host's.
    QVERIFY(writeRecord(pipe.writeFd(), makeRecord(221)));
    const QList<Violation> violations = pipe.readAvailable();
    QCOMPARE(violations.size(), 1);
    QCOMPARE(violations.first().syscall, 221);
    QCOMPARE(violations.first().syscallName, QStringLiteral("execve"));
    QCOMPARE(violations.first().arch, quint32(SCMP_ARCH_AARCH64));
    QCOMPARE(violations.first().pid, 4242);
    QCOMPARE(violations.first().role, Role::Sync);
    QVERIFY(violations.first().forbidden);
}

void TestSandboxViolationPipe::badRecordDropped()
{
    ViolationPipe pipe;
    QVERIFY(pipe.open().ok());

    ViolationRecord wrongMagic = makeRecord(221);
    wrongMagic.magic = 0;
    ViolationRecord wrongRole = makeRecord(221);
    wrongRole.role = 9;
    QVERIFY(writeRecord(pipe.writeFd(), wrongMagic));
    QVERIFY(writeRecord(pipe.writeFd(), wrongRole));
    QVERIFY(writeRecord(pipe.writeFd(), makeRecord(198))); // socket on arm64

    const QList<Violation> violations = pipe.readAvailable();
    QCOMPARE(violations.size(), 1);
    QCOMPARE(violations.first().syscallName, QStringLiteral("socket"));
}

void TestSandboxViolationPipe::emptyPipeReadsNothing()
{
    ViolationPipe pipe;
    QVERIFY(pipe.open().ok());
    QVERIFY(pipe.readAvailable().isEmpty());

    // Half a record waits for the rest.
    const ViolationRecord record = makeRecord(221);
    QVERIFY(::write(pipe.writeFd(), &record, 10) == 10);
    QVERIFY(pipe.readAvailable().isEmpty());
    QVERIFY(::write(pipe.writeFd(), reinterpret_cast<const char *>(&record) + 10, sizeof record - 10)
        == static_cast<ssize_t>(sizeof record - 10));
    QCOMPARE(pipe.readAvailable().size(), 1);
}

QTEST_GUILESS_MAIN(TestSandboxViolationPipe)
#include "tst_sandboxviolationpipe.moc"
