#pragma once

#include <QString>
#include <QStringList>

namespace gov::update {

// Where dpkg installs and keeps its database. Empty fields use dpkg's
// defaults (/ and /var/lib/dpkg), which is what a running appliance and a
// chroot want; tests and image builders point them at a scratch tree.
struct DpkgOptions {
    QString root;     // dpkg --root: install under this folder, database in ROOT/var/lib/dpkg
    QString adminDir; // dpkg --admindir: the database folder
    QString instDir;  // dpkg --instdir: where files go, without moving the database

    // The fixed paths of the programs. Neither is looked up in PATH.
    static constexpr char kDpkg[] = "/usr/bin/dpkg";
    static constexpr char kDpkgQuery[] = "/usr/bin/dpkg-query";

    // The package whose version counts as the appliance's version.
    static constexpr char kCorePackage[] = "govappliance-core";

    // --root, --admindir and --instdir as dpkg and dpkg-query take them
    // (dpkg-query gets no --instdir, which it does not know).
    QStringList locationArguments(bool forQuery) const;

    // The whole dpkg command line after the program name that installs every
    // .deb file in `stagingDir`. With a scratch root or database the dpkg
    // log goes next to it (ROOT/var/log/dpkg.log or ADMINDIR/dpkg.log)
    // instead of the host's /var/log/dpkg.log, and a caller that is not
    // root adds --force-not-root. Conffile questions are answered with the
    // package default or else the installed file (--force-confdef,
    // --force-confold), because no operator is present to reply to them.
    QStringList installArguments(const QString &stagingDir, bool runningAsRoot) const;

    bool isScratch() const { return !root.isEmpty() || !adminDir.isEmpty(); }
};

} // namespace gov::update
