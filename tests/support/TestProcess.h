#pragma once

// Starting the project's own programs (govctl, the test tools) from a test.
// In a cross build they are foreign binaries that the kernel cannot run
// unless binfmt_misc is set up, so they must be started through the same
// emulator that CTest uses for the test itself.

#include <QProcess>
#include <QRegularExpression>
#include <QString>
#include <QStringList>

namespace gov::test {

struct ProcessCommand {
    QString program;
    QStringList arguments;
};

// Returns the command that runs `program` with `arguments`, prefixed with the
// emulator command line from the environment variable GOV_TEST_EMULATOR when
// it is set, for example "qemu-aarch64|-L|/sysroot". Its items are separated
// by '|' because CTest's ENVIRONMENT property cannot carry ';'. A ';' is
// accepted too, so the CMAKE_CROSSCOMPILING_EMULATOR value can be copied in
// by hand. Without the variable the command is unchanged.
inline ProcessCommand emulatedCommand(const QString &program, const QStringList &arguments)
{
    static const QRegularExpression separator(QStringLiteral("[|;]"));
    QStringList emulator = qEnvironmentVariable("GOV_TEST_EMULATOR").split(separator, Qt::SkipEmptyParts);
    if (emulator.isEmpty())
        return {program, arguments};

    const QString emulatorProgram = emulator.takeFirst();
    return {emulatorProgram, emulator + QStringList{program} + arguments};
}

// Starts `program` in `process` through emulatedCommand().
inline void startProgram(QProcess &process, const QString &program, const QStringList &arguments)
{
    const ProcessCommand command = emulatedCommand(program, arguments);
    process.start(command.program, command.arguments);
}

} // namespace gov::test
