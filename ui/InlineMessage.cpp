#include "InlineMessage.h"

#include <QApplication>
#include <QHBoxLayout>
#include <QLabel>
#include <QStyle>

namespace gov::ui {

QIcon severityIcon(MessageSeverity severity)
{
    QStyle *style = QApplication::style();
    switch (severity) {
    case MessageSeverity::None:
        return {};
    case MessageSeverity::Ok:
        return style->standardIcon(QStyle::SP_DialogApplyButton);
    case MessageSeverity::Info:
        return style->standardIcon(QStyle::SP_MessageBoxInformation);
    case MessageSeverity::Warning:
        return style->standardIcon(QStyle::SP_MessageBoxWarning);
    case MessageSeverity::Error:
        return style->standardIcon(QStyle::SP_MessageBoxCritical);
    }
    return {};
}

InlineMessage::InlineMessage(QWidget *parent)
    : QWidget(parent)
    , m_icon(new QLabel(this))
    , m_text(new QLabel(this))
{
    auto *layout = new QHBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_icon, 0, Qt::AlignTop);
    layout->addWidget(m_text, 1);

    m_text->setWordWrap(true);
    m_text->setAlignment(Qt::AlignLeft | Qt::AlignTop);
    m_text->setTextFormat(Qt::PlainText);
    m_text->setTextInteractionFlags(Qt::TextSelectableByMouse);
    setVisible(false);
}

void InlineMessage::setMessage(MessageSeverity severity, const QString &text)
{
    if (severity == MessageSeverity::None || text.isEmpty()) {
        clear();
        return;
    }

    m_severity = severity;
    const int size = style()->pixelMetric(QStyle::PM_SmallIconSize, nullptr, this);
    m_icon->setPixmap(severityIcon(severity).pixmap(size, size));
    m_text->setText(text);
    setAccessibleDescription(text);
    setVisible(true);
}

void InlineMessage::clear()
{
    m_severity = MessageSeverity::None;
    m_icon->clear();
    m_text->clear();
    setAccessibleDescription({});
    setVisible(false);
}

QString InlineMessage::text() const
{
    return m_text->text();
}

} // namespace gov::ui
