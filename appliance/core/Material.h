#pragma once

#include <QByteArray>
#include <QList>
#include <QString>

namespace gov {

// One entry of a matter's materials list (申请材料).
struct MaterialRequirement {
    QString code;       // stable id within the matter, e.g. "M01"
    QString name;       // 材料名称, as the catalog prints it
    bool required = true;
    int copies = 1;
    QString form;       // 原件 / 复印件 / 电子件
};

// A material as handed in for one case. An attached file is kept by its
// SM3 digest so that a later change of the file can be detected.
struct Material {
    QString requirementCode;
    QString name;
    bool provided = false;
    QString fileName;
    QByteArray sm3Digest; // 32 bytes when a file is attached
};

} // namespace gov
