#pragma once

#include <QString>

namespace gov::ui {

// Checks whether Chinese input can work: when QT_IM_MODULE or XMODIFIERS
// names fcitx, Qt needs the fcitx 5 platform input context plugin
// (Debian package fcitx5-frontend-qt6). Without it the input method stays
// silent and operators cannot type Chinese names.
class InputMethodCheck {
public:
    // Returns the translated warning for the status bar, or an empty string
    // when no fcitx module is requested or its plugin is installed.
    // `imModule` and `xModifiers` are the environment variables' values,
    // `pluginsDir` is the Qt plugins folder (QLibraryInfo::PluginsPath).
    static QString missingPluginWarning(const QString &imModule, const QString &xModifiers, const QString &pluginsDir);

    // Runs the check on this process's environment and Qt installation and
    // logs the warning under gov.ui when there is one.
    static QString checkEnvironment();
};

} // namespace gov::ui
