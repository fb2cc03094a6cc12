#include "InputMethodCheck.h"

#include <QDir>
#include <QFile>
#include <QTemporaryDir>
#include <QtTest>

using gov::ui::InputMethodCheck;

class TestInputMethodCheck : public QObject {
    Q_OBJECT

private slots:
    void warning_data();
    void warning();
};

void TestInputMethodCheck::warning_data()
{
    QTest::addColumn<QString>("imModule");
    QTest::addColumn<QString>("xModifiers");
    QTest::addColumn<bool>("pluginInstalled");
    QTest::addColumn<bool>("expectWarning");

    QTest::newRow("no input method") << QString() << QString() << false << false;
    QTest::newRow("ibus only") << QStringLiteral("ibus") << QStringLiteral("@im=ibus") << false << false;
    QTest::newRow("fcitx, plugin missing") << QStringLiteral("fcitx") << QString() << false << true;
    QTest::newRow("fcitx5 via XMODIFIERS, plugin missing") << QString() << QStringLiteral("@im=fcitx") << false << true;
    QTest::newRow("fcitx, plugin installed") << QStringLiteral("fcitx") << QStringLiteral("@im=fcitx") << true << false;
}

void TestInputMethodCheck::warning()
{
    QFETCH(QString, imModule);
    QFETCH(QString, xModifiers);
    QFETCH(bool, pluginInstalled);
    QFETCH(bool, expectWarning);

    QTemporaryDir plugins;
    QVERIFY(plugins.isValid());
    if (pluginInstalled) {
        QVERIFY(QDir(plugins.path()).mkpath(QStringLiteral("platforminputcontexts")));
        QFile plugin(plugins.filePath(QStringLiteral("platforminputcontexts/libfcitx5platforminputcontextplugin.so")));
        QVERIFY(plugin.open(QIODevice::WriteOnly));
    }

    const QString warning = InputMethodCheck::missingPluginWarning(imModule, xModifiers, plugins.path());
    QCOMPARE(!warning.isEmpty(), expectWarning);
    if (expectWarning)
        QVERIFY2(warning.contains(QLatin1String("fcitx5-frontend-qt6")), qPrintable(warning));
}

QTEST_MAIN(TestInputMethodCheck)
#include "tst_inputmethodcheck.moc"
