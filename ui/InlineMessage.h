#pragma once

#include <QIcon>
#include <QString>
#include <QWidget>

class QLabel;

namespace gov::ui {

enum class MessageSeverity {
    None,    // no message, and the widget is hidden
    Ok,      // the value passed its checks, or the operation succeeded
    Info,    // a neutral hint
    Warning, // accepted, but the operator must look at it
    Error,   // the value or the operation failed
};

// Returns the standard style icon for a severity (a null icon for None).
QIcon severityIcon(MessageSeverity severity);

// A one-line status under a field or a form: an icon and a sentence, so
// that a state is never shown by colour alone. Hidden while empty. The text
// wraps and is also set as the widget's accessible description, so that
// screen readers announce it.
class InlineMessage : public QWidget {
    Q_OBJECT

public:
    explicit InlineMessage(QWidget *parent = nullptr);

    void setMessage(MessageSeverity severity, const QString &text);
    void clear();

    MessageSeverity severity() const { return m_severity; }
    QString text() const;

private:
    MessageSeverity m_severity = MessageSeverity::None;
    QLabel *m_icon = nullptr;
    QLabel *m_text = nullptr;
};

} // namespace gov::ui
