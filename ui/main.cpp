// govclient: the workbench for civil servants (default) and the citizen
// kiosk (--kiosk). The application shell is written in MainWindow.

#include <QApplication>

int main(int argc, char *argv[])
{
    QApplication app(argc, argv);
    return 0;
}
