#pragma once

#include "DebianVersion.h"
#include "DpkgOptions.h"
#include "Result.h"

#include <QString>

#include <optional>

namespace gov::update {

// The update state folder: the version that the last successful
// `govctl update apply` installed (installed-version) and the staging
// folder that packages are copied to before dpkg installs them (staging/).
class UpdateState {
public:
    // The folder when neither --state-dir nor GOV_UPDATE_STATE_DIR names another.
    static constexpr char kDefaultDir[] = "/var/lib/govappliance/update";
    static constexpr char kDirVariable[] = "GOV_UPDATE_STATE_DIR";

    explicit UpdateState(QString dir);

    QString dir() const { return m_dir; }
    QString stagingDir() const;

    // The installed version of govappliance-core as dpkg-query reports it
    // (status "installed"), or else the version recorded here, or an empty
    // optional when neither knows one. dpkg-query runs from its fixed path
    // with `dpkg`'s location options; a missing dpkg-query counts as "dpkg
    // does not know the package". Fails when dpkg-query cannot read its
    // database or the recorded version is not a valid version.
    Result<std::optional<DebianVersion>> installedVersion(const DpkgOptions &dpkg) const;

    // The version in installed-version, or an empty optional without the file.
    Result<std::optional<DebianVersion>> recordedVersion() const;

    // Replaces installed-version atomically.
    Status recordVersion(const DebianVersion &version);

    // Creates the state folder and the staging folder (mode 0700) when they
    // are missing, checks that the staging folder is a real folder owned by
    // this process's effective user with no access for group or others, and
    // removes the files a previous run left in it. Fails without removing
    // anything when it contains something other than regular files.
    Status prepareStaging();

    // Removes the staged files after a run; logs what it cannot remove.
    void clearStaging();

private:
    Result<std::optional<DebianVersion>> queryDpkg(const DpkgOptions &dpkg) const;

    QString m_dir;
};

} // namespace gov::update
