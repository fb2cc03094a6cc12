#pragma once

// A DialogSeam for widget tests: answers come from queues that the test
// fills beforehand, and every question is recorded so that the test can
// check what the screen asked. Header-only, so any test under tests/ui can
// include it.

#include "DialogSeam.h"

#include <QList>
#include <QQueue>
#include <QString>
#include <QStringList>

namespace gov::test {

class ScriptedDialogs : public gov::ui::DialogSeam {
public:
    enum class Kind { Text, Confirm, Inform };

    // One question as the screen asked it. `prefill` is the text that
    // askText offered as its default answer.
    struct Question {
        Kind kind = Kind::Text;
        QString title;
        QString label;
        QString prefill;
    };

    // Queues the answer to the next askText: the text, as if typed and
    // confirmed with OK.
    void answerText(const QString &text) { m_texts.enqueue(TextAnswer{TextAnswer::Typed, text}); }
    // Queues a cancelled askText.
    void cancelText() { m_texts.enqueue(TextAnswer{TextAnswer::Cancelled, {}}); }
    // Queues an askText that keeps the screen's default answer unchanged.
    void acceptDefaultText() { m_texts.enqueue(TextAnswer{TextAnswer::KeepDefault, {}}); }
    // Queues the answer to the next confirm.
    void answerConfirm(bool yes) { m_confirms.enqueue(yes); }

    bool askText(QWidget *, const QString &title, const QString &label, QString *text) override
    {
        m_asked.append(Question{Kind::Text, title, label, text ? *text : QString()});
        if (m_texts.isEmpty()) {
            ++m_unexpected;
            return false;
        }

        const TextAnswer answer = m_texts.dequeue();
        if (answer.kind == TextAnswer::Cancelled)
            return false;
        if (text && answer.kind == TextAnswer::Typed)
            *text = answer.text;
        return true;
    }

    bool confirm(QWidget *, const QString &title, const QString &question) override
    {
        m_asked.append(Question{Kind::Confirm, title, question, {}});
        if (m_confirms.isEmpty()) {
            ++m_unexpected;
            return false;
        }
        return m_confirms.dequeue();
    }

    void inform(QWidget *, const QString &title, const QString &message) override
    {
        m_asked.append(Question{Kind::Inform, title, message, {}});
    }

    // Every question so far, oldest first.
    const QList<Question> &asked() const { return m_asked; }
    // The messages shown through inform(), oldest first.
    QStringList informed() const
    {
        QStringList messages;
        for (const Question &question : m_asked) {
            if (question.kind == Kind::Inform)
                messages.append(question.label);
        }
        return messages;
    }
    // Questions that found no queued answer; they were answered with
    // cancel (askText) or no (confirm).
    int unexpectedQuestions() const { return m_unexpected; }
    // Answers queued but not yet used.
    qsizetype pendingAnswers() const { return m_texts.size() + m_confirms.size(); }

    void clear()
    {
        m_texts.clear();
        m_confirms.clear();
        m_asked.clear();
        m_unexpected = 0;
    }

private:
    struct TextAnswer {
        enum { Typed, Cancelled, KeepDefault } kind = Typed;
        QString text;
    };

    QQueue<TextAnswer> m_texts;
    QQueue<bool> m_confirms;
    QList<Question> m_asked;
    int m_unexpected = 0;
};

} // namespace gov::test
