#include "KioskWindow.h"

#include "AppContext.h"
#include "KioskReceipt.h"
#include "UiLogging.h"

#include <QApplication>
#include <QCloseEvent>
#include <QFile>
#include <QGridLayout>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QKeyEvent>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QLocale>
#include <QPrinter>
#include <QPrinterInfo>
#include <QPushButton>
#include <QScroller>
#include <QStackedWidget>
#include <QStyle>
#include <QTableWidget>
#include <QTimer>
#include <QVBoxLayout>

#include <algorithm>

namespace gov::ui {

namespace {

// Sizes for a touch screen read from a standing position. Anything a finger
// presses is at least 64 px high.
constexpr int kTouchHeight = 72;
constexpr int kButtonWidth = 200;
constexpr int kKeySize = 96;
constexpr int kStartButtonWidth = 520;
constexpr int kBodyPointSize = 20;
constexpr int kTitlePointSize = 30;
constexpr int kStatusIconSize = 40;

QLabel *makeTitle(const QString &text)
{
    auto *label = new QLabel(text);
    QFont font = label->font();
    font.setPointSize(kTitlePointSize);
    font.setBold(true);
    label->setFont(font);
    label->setAlignment(Qt::AlignCenter);
    label->setWordWrap(true);
    return label;
}

QLabel *makeText(const QString &text = {}, const QString &objectName = {})
{
    auto *label = new QLabel(text);
    label->setObjectName(objectName);
    label->setWordWrap(true);
    label->setTextFormat(Qt::PlainText);
    return label;
}

QPushButton *makeButton(const QString &text, const QString &objectName)
{
    auto *button = new QPushButton(text);
    button->setObjectName(objectName);
    button->setAccessibleName(text);
    button->setMinimumSize(kButtonWidth, kTouchHeight);
    return button;
}

QLineEdit *makeField(const QString &accessibleName, const QString &objectName)
{
    auto *edit = new QLineEdit;
    edit->setObjectName(objectName);
    edit->setAccessibleName(accessibleName);
    edit->setMinimumHeight(kTouchHeight);
    // No context menu: it would offer undo and copy of what the last citizen typed.
    edit->setContextMenuPolicy(Qt::NoContextMenu);
    return edit;
}

// Shows a status as an icon and a sentence, so that it never depends on colour alone.
void setStatus(QLabel *icon, QLabel *text, QStyle::StandardPixmap pixmap, const QString &message)
{
    icon->setPixmap(text->style()->standardIcon(pixmap).pixmap(kStatusIconSize, kStatusIconSize));
    text->setText(message);
}

void clearStatus(QLabel *icon, QLabel *text)
{
    icon->clear();
    text->clear();
}

QStyle::StandardPixmap deadlineIcon(DeadlineStatus status)
{
    switch (status) {
    case DeadlineStatus::OnTime:
        return QStyle::SP_DialogApplyButton;
    case DeadlineStatus::DueSoon:
        return QStyle::SP_MessageBoxWarning;
    case DeadlineStatus::Overdue:
        return QStyle::SP_MessageBoxCritical;
    case DeadlineStatus::Stopped:
        return QStyle::SP_MediaPause;
    case DeadlineStatus::Done:
        return QStyle::SP_DialogYesButton;
    }
    return QStyle::SP_MessageBoxInformation;
}

// Empties a line edit together with its undo history. QLineEdit::clear()
// keeps the removed text on the undo stack, where Ctrl+Z would bring it
// back; setText() starts a new history.
void wipe(QLineEdit *edit)
{
    edit->setText(QString());
    edit->setModified(false);
}

} // namespace

KioskWindow::KioskWindow(AppContext &context, QWidget *parent)
    : QWidget(parent, Qt::Window | Qt::FramelessWindowHint)
    , m_context(context)
    , m_idleTimer(new QTimer(this))
{
    setObjectName(QStringLiteral("kioskWindow"));
    setWindowTitle(tr("Government Services Self-Service Kiosk"));
    QFont base = font();
    base.setPointSize(kBodyPointSize);
    setFont(base);

    m_pages = new QStackedWidget(this);
    m_pages->setObjectName(QStringLiteral("kioskPages"));
    m_startPage = buildStartPage();
    m_lookupPage = buildLookupPage();
    m_resultPage = buildResultPage();
    m_materialsPage = buildMaterialsPage();
    for (QWidget *page : {m_startPage, m_lookupPage, m_resultPage, m_materialsPage})
        m_pages->addWidget(page);

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(32, 24, 32, 24);
    layout->addWidget(m_pages);

    m_idleTimer->setObjectName(QStringLiteral("kioskIdleTimer"));
    m_idleTimer->setSingleShot(true);
    connect(m_idleTimer, &QTimer::timeout, this, [this] {
        qCInfo(lcUi) << "kiosk idle for" << m_context.kioskIdleSeconds << "s: session cleared";
        returnToStart();
    });

    qApp->installEventFilter(this);
    returnToStart();
}

KioskWindow::~KioskWindow()
{
    // Removed before the children are destroyed, so that the filter never
    // receives events of a half-destroyed window.
    if (qApp)
        qApp->removeEventFilter(this);
}

void KioskWindow::enterKioskMode()
{
    setWindowFlags(windowFlags() | Qt::FramelessWindowHint | Qt::WindowStaysOnTopHint);
    showFullScreen();
    activateWindow();
    returnToStart();
}

void KioskWindow::allowClose()
{
    m_closeAllowed = true;
}

void KioskWindow::setReceiptSink(std::function<void(const QString &)> sink)
{
    m_receiptSink = std::move(sink);
}

// NOTE: this filter only receives the keys that reach the application. On most
// desktops the window manager acts on Alt+F4, Alt+Tab and the Super key
// first, and the X server on Ctrl+Alt+Backspace, so the kiosk session must
// also turn those bindings off.
bool KioskWindow::isBlockedKey(const QKeyEvent &event)
{
    const int key = event.key();
    const Qt::KeyboardModifiers modifiers = event.modifiers();
    const bool ctrl = modifiers.testFlag(Qt::ControlModifier);
    const bool alt = modifiers.testFlag(Qt::AltModifier);

    switch (key) {
    case Qt::Key_Escape:
    case Qt::Key_Meta:
    case Qt::Key_Super_L:
    case Qt::Key_Super_R:
    case Qt::Key_Hyper_L:
    case Qt::Key_Hyper_R:
    case Qt::Key_Menu:
        return true;
    default:
        break;
    }
    // Every combination with Super/Meta belongs to the desktop.
    if (modifiers.testFlag(Qt::MetaModifier))
        return true;
    if (alt && (key == Qt::Key_F4 || key == Qt::Key_Tab || key == Qt::Key_Backtab || key == Qt::Key_Space))
        return true;
    if (ctrl && (key == Qt::Key_W || key == Qt::Key_Q || key == Qt::Key_F4))
        return true;
    // Ctrl+Alt+F1 to F12 switch to a text console.
    if (ctrl && alt && (key == Qt::Key_Backspace || key == Qt::Key_Delete || (key >= Qt::Key_F1 && key <= Qt::Key_F12)))
        return true;
    return event.matches(QKeySequence::Close) || event.matches(QKeySequence::Quit);
}

bool KioskWindow::eventFilter(QObject *watched, QEvent *event)
{
    switch (event->type()) {
    case QEvent::KeyPress:
    case QEvent::KeyRelease:
    case QEvent::ShortcutOverride:
        restartIdleTimer();
        if (isBlockedKey(*static_cast<QKeyEvent *>(event))) {
            // An accepted ShortcutOverride keeps Qt from running a shortcut.
            event->accept();
            return true;
        }
        break;
    // Mouse moves do not count as use, so that a jittering pointer cannot
    // keep a session open.
    case QEvent::MouseButtonPress:
    case QEvent::MouseButtonRelease:
    case QEvent::MouseButtonDblClick:
    case QEvent::TouchBegin:
    case QEvent::TouchUpdate:
    case QEvent::TouchEnd:
    case QEvent::Wheel:
    case QEvent::InputMethod:
        restartIdleTimer();
        break;
    case QEvent::FocusIn:
        if (watched == m_caseNumberEdit || watched == m_idSuffixEdit)
            m_activeEdit = static_cast<QLineEdit *>(watched);
        break;
    default:
        break;
    }
    return QWidget::eventFilter(watched, event);
}

void KioskWindow::closeEvent(QCloseEvent *event)
{
    if (!m_closeAllowed) {
        qCInfo(lcUi) << "kiosk: close request ignored";
        event->ignore();
        return;
    }
    QWidget::closeEvent(event);
}

void KioskWindow::restartIdleTimer()
{
    m_idleTimer->start(std::max(1, m_context.kioskIdleSeconds) * 1000);
}

// ---- pages -----------------------------------------------------------------

QWidget *KioskWindow::buildStartPage()
{
    auto *page = new QWidget;
    page->setObjectName(QStringLiteral("kioskStartPage"));

    m_startLookupButton = makeButton(tr("Look up a case"), QStringLiteral("kioskStartLookupButton"));
    QPushButton *materials = makeButton(tr("Materials lists"), QStringLiteral("kioskStartMaterialsButton"));
    for (QPushButton *button : {m_startLookupButton, materials}) {
        button->setMinimumSize(kStartButtonWidth, kTouchHeight * 2);
        connect(button, &QPushButton::clicked, this,
                button == materials ? &KioskWindow::showMaterials : &KioskWindow::showLookup);
    }

    auto *layout = new QVBoxLayout(page);
    layout->addStretch();
    layout->addWidget(makeTitle(tr("Government Services Self-Service")));
    QLabel *hint = makeText(tr("Touch a button to begin."));
    hint->setAlignment(Qt::AlignCenter);
    layout->addWidget(hint);
    layout->addSpacing(kTouchHeight);
    layout->addWidget(m_startLookupButton, 0, Qt::AlignHCenter);
    layout->addSpacing(kTouchHeight / 2);
    layout->addWidget(materials, 0, Qt::AlignHCenter);
    layout->addStretch();
    return page;
}

QWidget *KioskWindow::buildLookupPage()
{
    auto *page = new QWidget;
    page->setObjectName(QStringLiteral("kioskLookupPage"));

    const QString caseLabel = tr("Case number (printed on your acceptance receipt)");
    const QString suffixLabel = tr("Last %1 characters of the applicant's ID number (for a company: of the "
                                   "unified social credit code)")
                                    .arg(CaseService::kKioskSuffixLength);
    m_caseNumberEdit = makeField(caseLabel, QStringLiteral("kioskCaseNumberEdit"));
    m_caseNumberEdit->setMaxLength(64);
    m_caseNumberEdit->setInputMethodHints(Qt::ImhPreferNumbers | Qt::ImhNoPredictiveText);
    m_idSuffixEdit = makeField(suffixLabel, QStringLiteral("kioskIdSuffixEdit"));
    m_idSuffixEdit->setMaxLength(CaseService::kKioskSuffixLength);
    // Hidden like a PIN: with the case number, the suffix opens the case.
    m_idSuffixEdit->setEchoMode(QLineEdit::Password);
    m_idSuffixEdit->setInputMethodHints(Qt::ImhSensitiveData | Qt::ImhNoPredictiveText | Qt::ImhPreferUppercase);
    m_activeEdit = m_caseNumberEdit;
    connect(m_caseNumberEdit, &QLineEdit::returnPressed, this, &KioskWindow::lookUp);
    connect(m_idSuffixEdit, &QLineEdit::returnPressed, this, &KioskWindow::lookUp);

    m_lookupIcon = new QLabel;
    m_lookupIcon->setFixedSize(kStatusIconSize, kStatusIconSize);
    m_lookupMessage = makeText({}, QStringLiteral("kioskLookupMessage"));
    auto *messageRow = new QHBoxLayout;
    messageRow->addWidget(m_lookupIcon, 0, Qt::AlignTop);
    messageRow->addWidget(m_lookupMessage, 1);

    QPushButton *back = makeButton(tr("Back"), QStringLiteral("kioskLookupBackButton"));
    QPushButton *search = makeButton(tr("Look up"), QStringLiteral("kioskLookupButton"));
    connect(back, &QPushButton::clicked, this, &KioskWindow::returnToStart);
    connect(search, &QPushButton::clicked, this, &KioskWindow::lookUp);
    auto *buttons = new QHBoxLayout;
    buttons->addWidget(back);
    buttons->addStretch();
    buttons->addWidget(search);

    auto *form = new QVBoxLayout;
    for (const auto &[labelText, edit] : {std::pair{caseLabel, m_caseNumberEdit}, std::pair{suffixLabel, m_idSuffixEdit}}) {
        QLabel *label = makeText(labelText);
        label->setBuddy(edit);
        form->addWidget(label);
        form->addWidget(edit);
        form->addSpacing(kTouchHeight / 3);
    }
    form->addLayout(messageRow);
    form->addStretch();
    form->addLayout(buttons);

    auto *columns = new QHBoxLayout;
    columns->addLayout(form, 1);
    columns->addSpacing(kTouchHeight / 2);
    columns->addWidget(buildKeypad(), 0, Qt::AlignTop);

    auto *layout = new QVBoxLayout(page);
    layout->addWidget(makeTitle(tr("Look up a case")));
    layout->addLayout(columns, 1);

    setTabOrder(m_caseNumberEdit, m_idSuffixEdit);
    setTabOrder(m_idSuffixEdit, search);
    setTabOrder(search, back);
    return page;
}

QWidget *KioskWindow::buildKeypad()
{
    auto *keypad = new QWidget;
    keypad->setObjectName(QStringLiteral("kioskKeypad"));
    auto *grid = new QGridLayout(keypad);

    // The keys take no focus, so that a touch leaves the cursor in the field
    // being typed.
    auto addKey = [&](QPushButton *button, int row, int column, int columnSpan = 1) {
        button->setFocusPolicy(Qt::NoFocus);
        button->setMinimumSize(kKeySize * columnSpan, kKeySize);
        grid->addWidget(button, row, column, 1, columnSpan);
    };

    const QStringList keys = {QStringLiteral("1"), QStringLiteral("2"), QStringLiteral("3"),
                              QStringLiteral("4"), QStringLiteral("5"), QStringLiteral("6"),
                              QStringLiteral("7"), QStringLiteral("8"), QStringLiteral("9"),
                              QStringLiteral("X"), QStringLiteral("0")};
    for (qsizetype i = 0; i < keys.size(); ++i) {
        const QString key = keys.at(i);
        QPushButton *button = makeButton(key, QStringLiteral("kioskKey") + key);
        button->setAccessibleName(tr("Key %1").arg(key));
        connect(button, &QPushButton::clicked, this, [this, key] { typeOnKeypad(key); });
        addKey(button, int(i / 3), int(i % 3));
    }

    QPushButton *backspace = makeButton(tr("Delete"), QStringLiteral("kioskKeyBackspace"));
    backspace->setAutoRepeat(true);
    connect(backspace, &QPushButton::clicked, this, [this] {
        if (m_activeEdit)
            m_activeEdit->backspace();
    });
    addKey(backspace, 3, 2);

    QPushButton *clear = makeButton(tr("Clear"), QStringLiteral("kioskKeyClear"));
    connect(clear, &QPushButton::clicked, this, [this] {
        if (m_activeEdit)
            wipe(m_activeEdit);
    });
    addKey(clear, 4, 0, 3);
    return keypad;
}

QWidget *KioskWindow::buildResultPage()
{
    auto *page = new QWidget;
    page->setObjectName(QStringLiteral("kioskResultPage"));

    m_resultCaseNumber = makeText({}, QStringLiteral("kioskResultCaseNumber"));
    m_resultMatter = makeText({}, QStringLiteral("kioskResultMatter"));
    m_resultState = makeText({}, QStringLiteral("kioskResultState"));
    m_resultDue = makeText({}, QStringLiteral("kioskResultDue"));
    m_resultDeadlineIcon = new QLabel;
    m_resultDeadlineIcon->setFixedSize(kStatusIconSize, kStatusIconSize);
    m_resultDeadline = makeText({}, QStringLiteral("kioskResultDeadline"));

    auto *deadlineRow = new QHBoxLayout;
    deadlineRow->addWidget(m_resultDeadlineIcon);
    deadlineRow->addWidget(m_resultDeadline, 1);

    auto *grid = new QGridLayout;
    grid->setHorizontalSpacing(kTouchHeight / 2);
    grid->setVerticalSpacing(kTouchHeight / 3);
    const std::pair<QString, QWidget *> plainRows[] = {
        {tr("Case number"), m_resultCaseNumber},
        {tr("Matter"), m_resultMatter},
        {tr("State"), m_resultState},
        {tr("Due date"), m_resultDue},
    };
    int row = 0;
    for (const auto &[label, value] : plainRows) {
        grid->addWidget(makeText(label), row, 0, Qt::AlignTop);
        grid->addWidget(value, row, 1);
        ++row;
    }
    grid->addWidget(makeText(tr("Deadline status")), row, 0, Qt::AlignTop);
    grid->addLayout(deadlineRow, row, 1);
    grid->setColumnStretch(1, 1);

    QLabel *privacy = makeText(tr("This screen shows no personal data. It returns to the start screen after %1 "
                                  "seconds without use.")
                                   .arg(m_context.kioskIdleSeconds));

    m_printIcon = new QLabel;
    m_printIcon->setFixedSize(kStatusIconSize, kStatusIconSize);
    m_printMessage = makeText({}, QStringLiteral("kioskPrintMessage"));
    auto *printRow = new QHBoxLayout;
    printRow->addWidget(m_printIcon, 0, Qt::AlignTop);
    printRow->addWidget(m_printMessage, 1);

    QPushButton *done = makeButton(tr("Done"), QStringLiteral("kioskResultDoneButton"));
    QPushButton *print = makeButton(tr("Print receipt"), QStringLiteral("kioskPrintButton"));
    connect(done, &QPushButton::clicked, this, &KioskWindow::returnToStart);
    connect(print, &QPushButton::clicked, this, &KioskWindow::printReceipt);
    auto *buttons = new QHBoxLayout;
    buttons->addWidget(done);
    buttons->addStretch();
    buttons->addWidget(print);

    auto *layout = new QVBoxLayout(page);
    layout->addWidget(makeTitle(tr("Case status")));
    layout->addSpacing(kTouchHeight / 2);
    layout->addLayout(grid);
    layout->addSpacing(kTouchHeight / 2);
    layout->addWidget(privacy);
    layout->addLayout(printRow);
    layout->addStretch();
    layout->addLayout(buttons);

    setTabOrder(print, done);
    return page;
}

QWidget *KioskWindow::buildMaterialsPage()
{
    auto *page = new QWidget;
    page->setObjectName(QStringLiteral("kioskMaterialsPage"));

    m_matterList = new QListWidget;
    m_matterList->setObjectName(QStringLiteral("kioskMatterList"));
    m_matterList->setAccessibleName(tr("Matters"));
    m_matterList->setWordWrap(true);
    m_matterList->setMinimumWidth(kStartButtonWidth * 2 / 3);
    m_matterList->setSpacing(4);
    connect(m_matterList, &QListWidget::currentRowChanged, this, &KioskWindow::showMatter);

    m_matterDetails = makeText({}, QStringLiteral("kioskMatterDetails"));

    m_materialsTable = new QTableWidget(0, 4);
    m_materialsTable->setObjectName(QStringLiteral("kioskMaterialsTable"));
    m_materialsTable->setAccessibleName(tr("Materials list"));
    m_materialsTable->setHorizontalHeaderLabels({tr("Material"), tr("Required or optional"), tr("Copies"), tr("Form")});
    m_materialsTable->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_materialsTable->setSelectionMode(QAbstractItemView::NoSelection);
    m_materialsTable->setWordWrap(true);
    m_materialsTable->verticalHeader()->setVisible(false);
    m_materialsTable->verticalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    m_materialsTable->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    m_materialsTable->horizontalHeader()->setSectionResizeMode(0, QHeaderView::Stretch);

    // Touch screens scroll by dragging the list itself.
    QScroller::grabGesture(m_matterList->viewport(), QScroller::LeftMouseButtonGesture);
    QScroller::grabGesture(m_materialsTable->viewport(), QScroller::LeftMouseButtonGesture);

    auto *detail = new QVBoxLayout;
    detail->addWidget(m_matterDetails);
    detail->addWidget(m_materialsTable, 1);
    auto *columns = new QHBoxLayout;
    columns->addWidget(m_matterList, 2);
    columns->addLayout(detail, 3);

    QPushButton *back = makeButton(tr("Back"), QStringLiteral("kioskMaterialsBackButton"));
    connect(back, &QPushButton::clicked, this, &KioskWindow::returnToStart);

    auto *layout = new QVBoxLayout(page);
    layout->addWidget(makeTitle(tr("Materials lists")));
    layout->addWidget(makeText(tr("Choose a matter to see the materials to bring.")));
    layout->addLayout(columns, 1);
    layout->addWidget(back, 0, Qt::AlignLeft);
    return page;
}

// ---- actions ---------------------------------------------------------------

void KioskWindow::returnToStart()
{
    m_info.reset();

    const QList<QLineEdit *> edits = findChildren<QLineEdit *>();
    for (QLineEdit *edit : edits)
        wipe(edit);
    m_activeEdit = m_caseNumberEdit;
    clearStatus(m_lookupIcon, m_lookupMessage);

    for (QLabel *label : {m_resultCaseNumber, m_resultMatter, m_resultState, m_resultDue})
        label->clear();
    clearStatus(m_resultDeadlineIcon, m_resultDeadline);
    clearStatus(m_printIcon, m_printMessage);

    m_matterList->clear();
    m_matters.clear();
    m_matterDetails->clear();
    m_materialsTable->setRowCount(0);

    m_pages->setCurrentWidget(m_startPage);
    m_startLookupButton->setFocus();
    restartIdleTimer();
}

void KioskWindow::showLookup()
{
    wipe(m_caseNumberEdit);
    wipe(m_idSuffixEdit);
    clearStatus(m_lookupIcon, m_lookupMessage);
    m_pages->setCurrentWidget(m_lookupPage);
    m_activeEdit = m_caseNumberEdit;
    m_caseNumberEdit->setFocus();
}

void KioskWindow::typeOnKeypad(const QString &text)
{
    if (!m_activeEdit)
        return;
    m_activeEdit->insert(text);
    m_activeEdit->setFocus();
}

void KioskWindow::lookUp()
{
    const QString number = m_caseNumberEdit->text().trimmed();
    const QString suffix = m_idSuffixEdit->text().trimmed();
    if (number.isEmpty()) {
        setStatus(m_lookupIcon, m_lookupMessage, QStyle::SP_MessageBoxWarning,
                  tr("Enter the case number printed on your acceptance receipt."));
        m_caseNumberEdit->setFocus();
        return;
    }
    if (suffix.size() != CaseService::kKioskSuffixLength) {
        setStatus(m_lookupIcon, m_lookupMessage, QStyle::SP_MessageBoxWarning,
                  tr("Enter the last %1 characters of the ID number.").arg(CaseService::kKioskSuffixLength));
        m_idSuffixEdit->setFocus();
        return;
    }
    if (!m_context.service) {
        setStatus(m_lookupIcon, m_lookupMessage, QStyle::SP_MessageBoxCritical,
                  tr("Case lookup is not available at this kiosk. Please ask at the service window."));
        return;
    }

    // The day comes from the context (today, except in tests), so that the
    // deadlines match what the workbench shows.
    const QDateTime now(m_context.today(), QTime::currentTime());
    Result<KioskCaseInfo> info = m_context.service->kioskLookup(number, suffix, now);
    // The suffix leaves the screen after every attempt, found or not.
    wipe(m_idSuffixEdit);
    if (!info) {
        setStatus(m_lookupIcon, m_lookupMessage, QStyle::SP_MessageBoxWarning, info.error().userText);
        m_idSuffixEdit->setFocus();
        return;
    }

    m_info = *info;
    wipe(m_caseNumberEdit);
    clearStatus(m_lookupIcon, m_lookupMessage);
    showResult();
}

void KioskWindow::showResult()
{
    const KioskCaseInfo &info = *m_info;
    m_resultCaseNumber->setText(info.caseNumber);
    m_resultMatter->setText(info.matterName);
    m_resultState->setText(caseStateDisplayName(info.state));
    m_resultDue->setText(info.currentDue.isValid() ? QLocale().toString(info.currentDue, QLocale::LongFormat)
                                                   : tr("None at this stage"));
    if (info.deadlineStatus) {
        setStatus(m_resultDeadlineIcon, m_resultDeadline, deadlineIcon(*info.deadlineStatus),
                  deadlineStatusDisplayName(*info.deadlineStatus));
    } else {
        setStatus(m_resultDeadlineIcon, m_resultDeadline, QStyle::SP_MessageBoxInformation,
                  tr("Cannot be shown here. Please ask at the service window."));
    }
    clearStatus(m_printIcon, m_printMessage);
    m_pages->setCurrentWidget(m_resultPage);
    m_resultPage->findChild<QPushButton *>(QStringLiteral("kioskPrintButton"))->setFocus();
}

void KioskWindow::printReceipt()
{
    if (!m_info)
        return;
    const QDateTime now(m_context.today(), QTime::currentTime());

    if (m_receiptSink) {
        const QString path = m_receiptDir.filePath(QStringLiteral("receipt.pdf"));
        Status written = m_receiptDir.isValid()
                             ? KioskReceipt::writePdf(path, *m_info, now)
                             : Status(makeError(ErrorCode::Io, QStringLiteral("receipt: no temporary folder"),
                                                tr("The receipt could not be printed. Please ask at the service "
                                                   "window.")));
        if (!written) {
            qCWarning(lcUi) << "kiosk receipt failed:" << written.error().detail;
            setStatus(m_printIcon, m_printMessage, QStyle::SP_MessageBoxCritical, written.error().userText);
            return;
        }
        m_receiptSink(path);
        QFile::remove(path);
    } else {
        const QPrinterInfo printerInfo = QPrinterInfo::defaultPrinter();
        if (printerInfo.isNull()) {
            qCWarning(lcUi) << "kiosk receipt: no default printer";
            setStatus(m_printIcon, m_printMessage, QStyle::SP_MessageBoxWarning,
                      tr("No printer is available at this kiosk. Please ask at the service window."));
            return;
        }
        QPrinter printer(printerInfo, QPrinter::HighResolution);
        printer.setDocName(KioskReceipt::tr("Case Lookup Receipt"));
        Status printed = KioskReceipt::paint(printer, *m_info, now);
        if (!printed) {
            qCWarning(lcUi) << "kiosk receipt failed on printer" << printerInfo.printerName() << ":"
                            << printed.error().detail;
            setStatus(m_printIcon, m_printMessage, QStyle::SP_MessageBoxCritical, printed.error().userText);
            return;
        }
    }

    qCInfo(lcUi) << "kiosk receipt printed for case" << m_info->caseNumber;
    setStatus(m_printIcon, m_printMessage, QStyle::SP_DialogApplyButton,
              tr("Your receipt has been printed. Please take it from the printer slot."));
}

void KioskWindow::showMaterials()
{
    m_matterList->clear();
    m_matters.clear();
    m_matterDetails->clear();
    m_materialsTable->setRowCount(0);
    m_pages->setCurrentWidget(m_materialsPage);

    Result<QList<Matter>> matters = m_context.service ? m_context.service->store().matters()
                                                      : Result<QList<Matter>>(QList<Matter>{});
    if (!matters)
        qCWarning(lcUi) << "kiosk: matters could not be read:" << matters.error().detail;
    if (!matters || matters->isEmpty()) {
        m_matterDetails->setText(tr("No materials lists are available at this kiosk. Please ask at the service window."));
        return;
    }

    m_matters = *matters;
    for (const Matter &matter : std::as_const(m_matters)) {
        auto *item = new QListWidgetItem(matter.name, m_matterList);
        item->setSizeHint(QSize(0, kTouchHeight));
        item->setToolTip(matter.code);
    }
    m_matterList->setFocus();
}

void KioskWindow::showMatter(int row)
{
    m_materialsTable->setRowCount(0);
    m_matterDetails->clear();
    if (row < 0 || row >= m_matters.size())
        return;

    const Matter &matter = m_matters.at(row);
    const QString limit = matter.decisionLimitDays() == 0
                              ? tr("Time limit: decided on the spot")
                              : tr("Time limit: %1 working days").arg(matter.decisionLimitDays());
    const QString fee = matter.feeFen == 0
                            ? tr("Fee: free of charge")
                            : tr("Fee: %1 yuan").arg(QLocale().toString(double(matter.feeFen) / 100.0, 'f', 2));
    m_matterDetails->setText(QStringList{matter.name, tr("Type: %1").arg(matterTypeDisplayName(matter.type)),
                                         tr("Agency: %1").arg(matter.agency), limit, fee}
                                 .join(QLatin1Char('\n')));

    m_materialsTable->setRowCount(int(matter.materials.size()));
    for (int i = 0; i < matter.materials.size(); ++i) {
        const MaterialRequirement &material = matter.materials.at(i);
        const QStringList cells = {material.name, material.required ? tr("Required") : tr("Optional"),
                                   QString::number(material.copies), material.form};
        for (int column = 0; column < cells.size(); ++column)
            m_materialsTable->setItem(i, column, new QTableWidgetItem(cells.at(column)));
    }
}

} // namespace gov::ui
