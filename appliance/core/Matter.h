#pragma once

#include "Material.h"
#include "Result.h"

#include <QJsonObject>
#include <QList>
#include <QString>

namespace gov {

// Matter type (事项类型) as the national catalog names them.
enum class MatterType {
    AdministrativeLicense,      // 行政许可
    AdministrativeConfirmation, // 行政确认
    AdministrativeBenefit,      // 行政给付
    AdministrativeRuling,       // 行政裁决
    AdministrativeRecord,       // 行政备案
    PublicService,              // 公共服务
    Other,                      // 其他行政权力
};

QString matterTypeKey(MatterType type);          // stable key, e.g. "license"
Result<MatterType> matterTypeFromKey(const QString &key);
QString matterTypeDisplayName(MatterType type);  // translated, 行政许可 under zh_CN

// A catalogued service matter (政务服务事项).
struct Matter {
    QString code;              // 事项编码
    QString name;              // 事项名称
    MatterType type = MatterType::AdministrativeLicense;
    QString agency;            // 实施机构
    QString divisionCode;      // 6-digit GB/T 2260 code of the agency
    int statutoryLimitDays = 20; // 法定办结时限, working days
    int promisedLimitDays = 20;  // 承诺办结时限, working days; 0 means "on the spot"
    qint64 feeFen = 0;         // fee in fen (0.01 yuan); 0 = free
    QString legalBasis;        // 设定依据
    QList<MaterialRequirement> materials;

    // The stricter of the statutory and the promised limit governs.
    int decisionLimitDays() const;

    QJsonObject toJson() const;
    static Result<Matter> fromJson(const QJsonObject &object);
};

} // namespace gov
