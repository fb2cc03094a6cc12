#pragma once

#include "OperatorAuth.h"

#include <QDate>
#include <QString>

#include <functional>

namespace gov {
class CaseService;
}

namespace gov::ui {

class DialogSeam;

// What every screen of the client needs: the service over the cache, the
// signed-in operator, the reference date for deadlines and the seam through
// which screens ask the user (tests replace it).
struct AppContext {
    CaseService *service = nullptr;
    OperatorInfo signedIn;            // empty id until sign-in
    std::function<QDate()> today = [] { return QDate::currentDate(); };
    DialogSeam *dialogs = nullptr;
    int kioskIdleSeconds = 60;
};

} // namespace gov::ui
