#pragma once

// Helpers shared by the tests: synthetic people with valid check characters
// and a small matter, so that no test depends on real personal data.

#include "Matter.h"

#include <QString>
#include <QStringList>

namespace gov::test {

// Synthetic citizen ID numbers; the check characters are computed with the
// GB 11643 weights by hand and verified in tst_citizenid.
inline const QString kIdZhangWei = QStringLiteral("130102199003071233");  // 石家庄长安区, 1990-03-07
inline const QString kIdLiNa = QStringLiteral("130104198506120023");      // 石家庄桥西区, 1985-06-12
inline const QString kIdWangFang = QStringLiteral("130602199204153312");  // 保定竞秀区, 1992-04-15
inline const QString kIdBeijingX = QStringLiteral("11010519491231002X");  // 北京朝阳区, check character X

inline Matter sampleMatter(const QString &code = QStringLiteral("TEST-LIC-001"))
{
    Matter matter;
    matter.code = code;
    matter.name = QStringLiteral("食品经营许可（测试）");
    matter.type = MatterType::AdministrativeLicense;
    matter.agency = QStringLiteral("石家庄市行政审批局");
    matter.divisionCode = QStringLiteral("130100");
    matter.statutoryLimitDays = 20;
    matter.promisedLimitDays = 10;
    matter.materials = {
        MaterialRequirement{QStringLiteral("M01"), QStringLiteral("食品经营许可申请书"), true, 1, QStringLiteral("原件")},
        MaterialRequirement{QStringLiteral("M02"), QStringLiteral("营业执照复印件"), true, 1, QStringLiteral("复印件")},
        MaterialRequirement{QStringLiteral("M03"), QStringLiteral("食品安全管理制度"), true, 1, QStringLiteral("原件")},
        MaterialRequirement{QStringLiteral("M04"), QStringLiteral("委托书"), false, 1, QStringLiteral("原件")},
    };
    return matter;
}

} // namespace gov::test
