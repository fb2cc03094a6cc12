// gen_case_export: writes a synthetic GB18030 CSV export of cases, as another
// government system would export it, plus FILE.expected.json with the number
// of valid rows and of each kind of invalid row. docs/case-import-format.md
// describes the columns and the rules that make a row valid.
//
// Every person and company in the output is invented. The output depends
// only on --valid, --seed and the matter codes of the catalog. The random
// numbers come from std::mt19937, whose sequence the C++ standard fixes. This
// file maps them to choices itself, because std::uniform_int_distribution and
// std::shuffle give different results in different standard libraries.

#include "Catalog.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QDate>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSet>
#include <QStringList>

#include <iconv.h>

#include <array>
#include <cerrno>
#include <cstdio>
#include <random>
#include <utility>
#include <vector>

namespace {

// ---- reference data ----------------------------------------------------------

struct Region {
    const char *code;
    const char *city;
    const char *district;
};

// County-level divisions of Hebei used as the first six digits of valid ID
// numbers and credit codes. Each code is in the MCA list of 2019-04 (GB/T 2260)
// and in the NBS list of 2024. 130502, 桥东区 in 2019, is named 襄都区 since 2020.
constexpr Region kRegions[] = {
    {"130102", "石家庄市", "长安区"}, {"130104", "石家庄市", "桥西区"},
    {"130105", "石家庄市", "新华区"}, {"130108", "石家庄市", "裕华区"},
    {"130109", "石家庄市", "藁城区"}, {"130111", "石家庄市", "栾城区"},
    {"130181", "石家庄市", "辛集市"}, {"130203", "唐山市", "路北区"},
    {"130304", "秦皇岛市", "北戴河区"}, {"130402", "邯郸市", "邯山区"},
    {"130502", "邢台市", "襄都区"},   {"130602", "保定市", "竞秀区"},
    {"130702", "张家口市", "桥东区"}, {"130802", "承德市", "双桥区"},
    {"130902", "沧州市", "新华区"},   {"131002", "廊坊市", "安次区"},
    {"131102", "衡水市", "桃城区"},
};

// First two digits that no GB/T 2260 province has (and that no other ID
// document uses: 71, 81-83 and 9x are avoided).
constexpr const char *kUnknownProvincePrefixes[] = {"20", "24", "29", "39", "48", "58", "69", "80"};

const QStringList kSurnames = {
    QStringLiteral("王"), QStringLiteral("李"), QStringLiteral("张"), QStringLiteral("刘"),
    QStringLiteral("陈"), QStringLiteral("杨"), QStringLiteral("赵"), QStringLiteral("黄"),
    QStringLiteral("周"), QStringLiteral("吴"), QStringLiteral("徐"), QStringLiteral("孙"),
    QStringLiteral("马"), QStringLiteral("朱"), QStringLiteral("胡"), QStringLiteral("郭"),
    QStringLiteral("高"), QStringLiteral("郑"), QStringLiteral("欧阳"), QStringLiteral("司马"),
};

const QStringList kGivenNames = {
    QStringLiteral("伟"),   QStringLiteral("芳"),   QStringLiteral("娜"),   QStringLiteral("敏"),
    QStringLiteral("静"),   QStringLiteral("磊"),   QStringLiteral("军"),   QStringLiteral("洋"),
    QStringLiteral("艳"),   QStringLiteral("杰"),   QStringLiteral("涛"),   QStringLiteral("超"),
    QStringLiteral("秀英"), QStringLiteral("建华"), QStringLiteral("志强"), QStringLiteral("晓东"),
    QStringLiteral("海燕"), QStringLiteral("雨萱"), QStringLiteral("子涵"), QStringLiteral("浩然"),
    QStringLiteral("堃"),   QStringLiteral("喆"),
};

// Given names with characters outside GBK: U+36C3 㛃 (CJK Extension A) and
// U+20BB7 𠮷 (Extension B) are 4-byte sequences in GB18030.
const QStringList kRareGivenNames = {
    QStringLiteral("㛃"),
    QString::fromUtf8("\xF0\xA0\xAE\xB7"),
};

const QStringList kTradeNames = {
    QStringLiteral("华泰"), QStringLiteral("恒达"), QStringLiteral("宏远"), QStringLiteral("鑫源"),
    QStringLiteral("永盛"), QStringLiteral("冀东"), QStringLiteral("博创"), QStringLiteral("泰和"),
    QStringLiteral("德润"), QStringLiteral("瑞丰"), QStringLiteral("金诚"), QStringLiteral("安康"),
};

const QStringList kIndustries = {
    QStringLiteral("商贸"), QStringLiteral("餐饮管理"), QStringLiteral("建筑工程"),
    QStringLiteral("医药"), QStringLiteral("物流"), QStringLiteral("科技"), QStringLiteral("文化传媒"),
};

const QStringList kShopKinds = {
    QStringLiteral("餐馆"), QStringLiteral("便利店"), QStringLiteral("五金店"), QStringLiteral("理发店"),
};

const QStringList kRoads = {
    QStringLiteral("中山路"), QStringLiteral("建设大街"), QStringLiteral("胜利北街"),
    QStringLiteral("和平路"), QStringLiteral("裕华路"), QStringLiteral("新华路"),
    QStringLiteral("光明街"), QStringLiteral("人民路"),
};

const QStringList kBuildings = {
    QStringLiteral("东方大厦"), QStringLiteral("世纪广场"), QStringLiteral("汇通中心"),
};

// Dates of 申请日期 that no calendar has. 2026 is not a leap year.
const QStringList kImpossibleApplicationDates = {
    QStringLiteral("2025-02-29"), QStringLiteral("2025-02-30"), QStringLiteral("2026-02-29"),
    QStringLiteral("2025-04-31"), QStringLiteral("2026-06-31"), QStringLiteral("2025-09-31"),
    QStringLiteral("2026-11-31"), QStringLiteral("2025-13-01"), QStringLiteral("2026-00-10"),
};

// MMDD parts of impossible birth dates inside an ID number.
const QStringList kImpossibleBirthMonthDays = {
    QStringLiteral("0230"), QStringLiteral("0231"), QStringLiteral("0431"), QStringLiteral("0631"),
    QStringLiteral("0931"), QStringLiteral("1131"), QStringLiteral("1301"), QStringLiteral("0100"),
};

const QDate kFirstApplicationDate(2025, 1, 2);
const QDate kLastApplicationDate(2026, 11, 30);

enum Column {
    CaseNumber, MatterCode, ApplicantKind, ApplicantName, IdType, IdNumber,
    LegalRepresentative, Phone, Address, ApplicationDate, AcceptanceDate, ColumnCount
};

const QStringList kHeader = {
    QStringLiteral("办件编号"), QStringLiteral("事项编码"), QStringLiteral("申请人类型"),
    QStringLiteral("申请人名称"), QStringLiteral("证件类型"), QStringLiteral("证件号码"),
    QStringLiteral("法定代表人"), QStringLiteral("联系电话"), QStringLiteral("联系地址"),
    QStringLiteral("申请日期"), QStringLiteral("受理日期"),
};

enum class RowKind { Valid, IdCheckCharacter, ImpossibleDate, UnknownDivision, BrokenQuoting, UnknownMatter, BadPhone };

struct KindInfo {
    RowKind kind;
    const char *key; // key in FILE.expected.json
};

constexpr KindInfo kInvalidKinds[] = {
    {RowKind::IdCheckCharacter, "id_check_character"},
    {RowKind::ImpossibleDate, "impossible_date"},
    {RowKind::UnknownDivision, "unknown_division"},
    {RowKind::BrokenQuoting, "broken_quoting"},
    {RowKind::UnknownMatter, "unknown_matter"},
    {RowKind::BadPhone, "bad_phone"},
};

// ---- check characters ----------------------------------------------------------

// GB 11643-1999: ISO 7064 MOD 11-2 over the first 17 digits.
QChar idCheckCharacter(const QString &first17)
{
    static constexpr int weights[17] = {7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2};
    static const char checkCharacters[] = "10X98765432";
    int sum = 0;
    for (int i = 0; i < 17; ++i)
        sum += first17.at(i).digitValue() * weights[i];
    return QLatin1Char(checkCharacters[sum % 11]);
}

// GB 11714-1997 organization code: 8 characters and a check character.
QChar organizationCheckCharacter(const QString &first8)
{
    static constexpr int weights[8] = {3, 7, 9, 10, 5, 8, 4, 2};
    int sum = 0;
    for (int i = 0; i < 8; ++i) {
        const QChar c = first8.at(i);
        const int value = c.isDigit() ? c.digitValue() : c.toLatin1() - 'A' + 10;
        sum += value * weights[i];
    }
    const int check = 11 - sum % 11;
    if (check == 10)
        return QLatin1Char('X');
    return QLatin1Char(char('0' + check % 11));
}

// GB 32100-2015: MOD 31 over the first 17 characters of the credit code.
QChar creditCheckCharacter(const QString &first17)
{
    static const QString charset = QStringLiteral("0123456789ABCDEFGHJKLMNPQRTUWXY");
    static constexpr int weights[17] = {1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28};
    int sum = 0;
    for (int i = 0; i < 17; ++i)
        sum += int(charset.indexOf(first17.at(i))) * weights[i];
    return charset.at((31 - sum % 31) % 31);
}

// ---- random choices ------------------------------------------------------------

class Random {
public:
    explicit Random(quint32 seed) : m_engine(seed) {}

    // Uniform in [0, n) by rejection sampling, identical on every platform.
    quint32 below(quint32 n)
    {
        const quint32 limit = quint32((quint64(1) << 32) - ((quint64(1) << 32) % n));
        for (;;) {
            const quint32 value = quint32(m_engine());
            if (limit == 0 || value < limit)
                return value % n;
        }
    }

    int between(int low, int high) { return low + int(below(quint32(high - low + 1))); }
    bool percent(int chance) { return int(below(100)) < chance; }
    const QString &pick(const QStringList &list) { return list.at(below(quint32(list.size()))); }

    QString digits(int count)
    {
        QString text;
        for (int i = 0; i < count; ++i)
            text += QChar(u'0' + below(10));
        return text;
    }

    QDate dateBetween(QDate first, QDate last)
    {
        return QDate::fromJulianDay(first.toJulianDay() + between(0, int(last.toJulianDay() - first.toJulianDay())));
    }

    template <typename T>
    void shuffle(std::vector<T> &items)
    {
        for (size_t i = items.size(); i > 1; --i)
            std::swap(items[i - 1], items[below(quint32(i))]);
    }

private:
    std::mt19937 m_engine;
};

// ---- row building --------------------------------------------------------------

class RowFactory {
public:
    RowFactory(Random &random, QStringList matterCodes) : m_random(random), m_matterCodes(std::move(matterCodes))
    {
        m_knownMatterCodes = QSet<QString>(m_matterCodes.cbegin(), m_matterCodes.cend());
    }

    // Returns the CSV line (without line end) of a row of the given kind.
    QString makeLine(RowKind kind);

private:
    const Region &pickRegion() { return kRegions[m_random.below(std::size(kRegions))]; }
    QString personName();
    QString businessName(bool individualBusiness);
    QString idNumber(const QString &regionCode, const QString &birthDate);
    QString validIdNumber();
    QString creditCode(bool individualBusiness);
    QString mobilePhone();
    QString badPhone();
    QString address(const Region &region, bool allowComma);
    QString formatDate(QDate date);
    QString unknownMatterCode();

    Random &m_random;
    QStringList m_matterCodes;
    QSet<QString> m_knownMatterCodes;
    int m_serial = 0;
    int m_personCount = 0;
};

QString RowFactory::personName()
{
    // One name in a hundred has a character outside GBK, so that every file
    // with more than 37 names contains GB18030 4-byte sequences.
    const bool rare = m_personCount++ % 100 == 37;
    const QString given = rare ? m_random.pick(kRareGivenNames) : m_random.pick(kGivenNames);
    return m_random.pick(kSurnames) + given;
}

// Individual businesses (个体工商户) take a shop name, companies a limited company name.
QString RowFactory::businessName(bool individualBusiness)
{
    if (individualBusiness) {
        return QString::fromUtf8(pickRegion().district) + m_random.pick(kSurnames) + QStringLiteral("记")
               + m_random.pick(kShopKinds);
    }

    const Region &region = pickRegion();
    const QString city = QString::fromUtf8(region.city).chopped(1); // "石家庄市" -> "石家庄"
    const QString trade = m_random.pick(kTradeNames);
    // Some export systems keep ASCII quotes that users typed around a trade name.
    const QString tradePart = m_random.percent(10) ? QStringLiteral("\"%1\"").arg(trade) : trade;
    return city + tradePart + m_random.pick(kIndustries) + QStringLiteral("有限公司");
}

QString RowFactory::idNumber(const QString &regionCode, const QString &birthDate)
{
    const QString first17 = regionCode + birthDate + QStringLiteral("%1").arg(m_random.between(1, 999), 3, 10, QLatin1Char('0'));
    return first17 + idCheckCharacter(first17);
}

QString RowFactory::validIdNumber()
{
    const QDate birth = m_random.dateBetween(QDate(1945, 1, 1), QDate(2006, 12, 31));
    return idNumber(QString::fromLatin1(pickRegion().code), birth.toString(QStringLiteral("yyyyMMdd")));
}

// Business entities get registration authority 9 (market regulation) and
// type 1 (enterprise) or 2 (individual business). The organization code part
// is 8 digits plus its GB 11714 check character.
QString RowFactory::creditCode(bool individualBusiness)
{
    const QString organization = m_random.digits(8);
    const QString first17 = QStringLiteral("9") + (individualBusiness ? QStringLiteral("2") : QStringLiteral("1"))
                            + QString::fromLatin1(pickRegion().code) + organization
                            + organizationCheckCharacter(organization);
    return first17 + creditCheckCharacter(first17);
}

QString RowFactory::mobilePhone()
{
    return QStringLiteral("1") + QChar(u'3' + m_random.below(7)) + m_random.digits(9);
}

// Numbers that are neither a mobile number (1[3-9] and 9 digits) nor a
// landline (landlines never start with 1).
QString RowFactory::badPhone()
{
    switch (m_random.below(4)) {
    case 0:
        return QStringLiteral("1") + QChar(u'0' + m_random.below(3)) + m_random.digits(9); // second digit 0-2
    case 1:
        return mobilePhone().chopped(1); // 10 digits
    case 2:
        return mobilePhone() + m_random.digits(1); // 12 digits
    default:
        return mobilePhone().chopped(1) + QStringLiteral("O"); // letter O in place of a zero
    }
}

QString RowFactory::address(const Region &region, bool allowComma)
{
    QString text = QStringLiteral("河北省%1%2%3%4号")
                       .arg(QString::fromUtf8(region.city), QString::fromUtf8(region.district),
                            m_random.pick(kRoads))
                       .arg(m_random.between(1, 399));
    if (allowComma && m_random.percent(15))
        text += QStringLiteral(",%1号楼%2单元%3").arg(m_random.between(1, 30)).arg(m_random.between(1, 6)).arg(m_random.between(101, 2802));
    else if (allowComma && m_random.percent(5))
        text += QStringLiteral("\"%1\"%2层").arg(m_random.pick(kBuildings)).arg(m_random.between(2, 28));
    return text;
}

QString RowFactory::formatDate(QDate date)
{
    // About one date in ten uses the slash form that some systems export.
    return date.toString(m_random.percent(10) ? QStringLiteral("yyyy/MM/dd") : QStringLiteral("yyyy-MM-dd"));
}

QString RowFactory::unknownMatterCode()
{
    for (;;) {
        const QString code = QStringLiteral("HE-XK-9%1").arg(m_random.digits(2));
        if (!m_knownMatterCodes.contains(code))
            return code;
    }
}

// RFC 4180 quoting: a field with a comma, quote or line break is enclosed in
// quotes, and quotes inside it are doubled.
QString quoteField(const QString &field)
{
    if (!field.contains(u',') && !field.contains(u'"') && !field.contains(u'\n') && !field.contains(u'\r'))
        return field;
    QString quoted = field;
    quoted.replace(QStringLiteral("\""), QStringLiteral("\"\""));
    return QStringLiteral("\"%1\"").arg(quoted);
}

// Replaces one field with text that breaks RFC 4180: a quote inside an
// unquoted field, or text after the closing quote of a quoted field.
QString breakQuoting(QStringList &quotedFields, Random &random)
{
    if (random.percent(50)) {
        QString name = quotedFields.at(ApplicantName);
        name.remove(u'"');
        return quotedFields[ApplicantName] = name.left(1) + QStringLiteral("\"") + name.mid(1);
    }
    QString address = quotedFields.at(Address);
    address.remove(u'"');
    address.replace(u',', u' ');
    const qsizetype split = address.indexOf(QStringLiteral("市")) + 1;
    return quotedFields[Address] = QStringLiteral("\"%1\"%2").arg(address.left(split), address.mid(split));
}

QString RowFactory::makeLine(RowKind kind)
{
    const bool natural = kind == RowKind::IdCheckCharacter || kind == RowKind::ImpossibleDate
                         || kind == RowKind::UnknownDivision || m_random.percent(60);
    const Region &home = pickRegion();
    const QDate applied = m_random.dateBetween(kFirstApplicationDate, kLastApplicationDate);

    QStringList fields(ColumnCount);
    fields[CaseNumber] = QStringLiteral("HB%1%2").arg(applied.year()).arg(++m_serial, 7, 10, QLatin1Char('0'));
    fields[MatterCode] = kind == RowKind::UnknownMatter ? unknownMatterCode() : m_random.pick(m_matterCodes);
    fields[ApplicantKind] = natural ? QStringLiteral("自然人") : QStringLiteral("法人");
    fields[Phone] = kind == RowKind::BadPhone ? badPhone() : mobilePhone();
    fields[Address] = address(home, kind != RowKind::BrokenQuoting);
    fields[ApplicationDate] = formatDate(applied);

    // About a third of the cases are not accepted yet.
    if (!m_random.percent(33)) {
        const QDate accepted = std::min(applied.addDays(m_random.between(0, 5)), kLastApplicationDate);
        fields[AcceptanceDate] = formatDate(accepted);
    }

    if (natural) {
        fields[ApplicantName] = personName();
        fields[IdType] = QStringLiteral("居民身份证");
        fields[IdNumber] = validIdNumber();
    } else {
        const bool individualBusiness = m_random.percent(20);
        fields[ApplicantName] = businessName(individualBusiness);
        fields[IdType] = QStringLiteral("统一社会信用代码");
        fields[IdNumber] = creditCode(individualBusiness);
        fields[LegalRepresentative] = personName();
    }

    switch (kind) {
    case RowKind::IdCheckCharacter: {
        const QString correct = fields[IdNumber];
        static const QString checkCharacters = QStringLiteral("0123456789X");
        QChar wrong = correct.back();
        while (wrong == correct.back())
            wrong = checkCharacters.at(m_random.below(11));
        fields[IdNumber] = correct.chopped(1) + wrong;
        break;
    }
    case RowKind::ImpossibleDate:
        if (m_random.percent(50)) {
            const QString birth = QString::number(m_random.between(1950, 2000)) + m_random.pick(kImpossibleBirthMonthDays);
            fields[IdNumber] = idNumber(QString::fromLatin1(pickRegion().code), birth);
        } else {
            fields[ApplicationDate] = m_random.pick(kImpossibleApplicationDates);
            fields[AcceptanceDate].clear();
        }
        break;
    case RowKind::UnknownDivision: {
        const QString region = QString::fromLatin1(kUnknownProvincePrefixes[m_random.below(std::size(kUnknownProvincePrefixes))])
                               + QStringLiteral("01") + QStringLiteral("%1").arg(m_random.between(1, 5), 2, 10, QLatin1Char('0'));
        const QDate birth = m_random.dateBetween(QDate(1945, 1, 1), QDate(2006, 12, 31));
        fields[IdNumber] = idNumber(region, birth.toString(QStringLiteral("yyyyMMdd")));
        break;
    }
    default:
        break;
    }

    QStringList quoted;
    for (const QString &field : std::as_const(fields))
        quoted << quoteField(field);
    if (kind == RowKind::BrokenQuoting)
        breakQuoting(quoted, m_random);
    return quoted.join(u',');
}

// ---- output ----------------------------------------------------------------------

bool encodeGb18030(const QByteArray &utf8, QByteArray &out)
{
    iconv_t cd = iconv_open("GB18030", "UTF-8");
    if (cd == reinterpret_cast<iconv_t>(-1))
        return false;

    out.resize(utf8.size() * 2 + 16);
    char *in = const_cast<char *>(utf8.constData());
    size_t inLeft = size_t(utf8.size());
    char *outPtr = out.data();
    size_t outLeft = size_t(out.size());
    const size_t rc = iconv(cd, &in, &inLeft, &outPtr, &outLeft);
    iconv_close(cd);
    if (rc == size_t(-1))
        return false;
    out.resize(out.size() - qsizetype(outLeft));
    return true;
}

bool writeFile(const QString &path, const QByteArray &bytes)
{
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly | QIODevice::Truncate))
        return false;
    return file.write(bytes) == bytes.size() && file.flush();
}

int fail(const QString &message)
{
    std::fprintf(stderr, "gen_case_export: %s\n", qPrintable(message));
    return 1;
}

} // namespace

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    QCoreApplication::setApplicationName(QStringLiteral("gen_case_export"));

    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral(
        "Writes a synthetic GB18030 CSV export of cases with a fixed share of invalid rows, "
        "and FILE.expected.json with the row counts."));
    parser.addHelpOption();
    const QCommandLineOption outOption(QStringLiteral("out"), QStringLiteral("CSV file to write."), QStringLiteral("FILE"));
    const QCommandLineOption catalogOption(QStringLiteral("catalog"),
                                           QStringLiteral("Catalog file (format 1) whose matter codes valid rows use."),
                                           QStringLiteral("FILE"));
    const QCommandLineOption validOption(QStringLiteral("valid"), QStringLiteral("Number of valid rows (default 1000)."),
                                         QStringLiteral("N"), QStringLiteral("1000"));
    const QCommandLineOption seedOption(QStringLiteral("seed"), QStringLiteral("Seed of std::mt19937 (default 20261204)."),
                                        QStringLiteral("S"), QStringLiteral("20261204"));
    parser.addOptions({outOption, catalogOption, validOption, seedOption});
    parser.process(app);

    if (!parser.isSet(outOption) || !parser.isSet(catalogOption))
        return fail(QStringLiteral("--out and --catalog are required; see --help"));

    bool validOk = false;
    bool seedOk = false;
    const int validCount = parser.value(validOption).toInt(&validOk);
    const quint32 seed = parser.value(seedOption).toUInt(&seedOk);
    if (!validOk || validCount < 0 || validCount > 10'000'000)
        return fail(QStringLiteral("--valid must be a whole number from 0 to 10000000"));
    if (!seedOk)
        return fail(QStringLiteral("--seed must be a whole number from 0 to 4294967295"));

    const gov::Result<QList<gov::Matter>> matters = gov::Catalog::parseFile(parser.value(catalogOption));
    if (!matters)
        return fail(matters.error().detail);
    QStringList matterCodes;
    for (const gov::Matter &matter : *matters)
        matterCodes << matter.code;

    // A fixed count per invalid kind: one for every 50 valid rows, at least 3.
    const int perKind = std::max(3, validCount / 50);

    std::vector<RowKind> kinds(size_t(validCount), RowKind::Valid);
    for (const KindInfo &info : kInvalidKinds)
        kinds.insert(kinds.end(), size_t(perKind), info.kind);

    Random random(seed);
    random.shuffle(kinds);
    RowFactory factory(random, matterCodes);

    QString text = kHeader.join(u',') + QStringLiteral("\r\n");
    std::array<QJsonArray, std::size(kInvalidKinds)> linesByKind;
    for (size_t i = 0; i < kinds.size(); ++i) {
        text += factory.makeLine(kinds[i]) + QStringLiteral("\r\n");
        for (size_t k = 0; k < std::size(kInvalidKinds); ++k) {
            if (kInvalidKinds[k].kind == kinds[i])
                linesByKind[k].append(qint64(i) + 2); // line 1 is the header
        }
    }

    QByteArray encoded;
    if (!encodeGb18030(text.toUtf8(), encoded))
        return fail(QStringLiteral("GB18030 encoding with iconv failed"));

    const QString outPath = parser.value(outOption);
    if (!writeFile(outPath, encoded))
        return fail(QStringLiteral("cannot write %1").arg(outPath));

    QJsonObject invalidCounts;
    QJsonObject invalidLines;
    for (size_t k = 0; k < std::size(kInvalidKinds); ++k) {
        invalidCounts.insert(QLatin1String(kInvalidKinds[k].key), perKind);
        invalidLines.insert(QLatin1String(kInvalidKinds[k].key), linesByKind[k]);
    }

    QJsonObject expected;
    expected.insert(QStringLiteral("valid"), validCount);
    expected.insert(QStringLiteral("invalid"), invalidCounts);
    expected.insert(QStringLiteral("total_rows"), qint64(kinds.size()));
    expected.insert(QStringLiteral("invalid_lines"), invalidLines);
    expected.insert(QStringLiteral("encoding"), QStringLiteral("GB18030"));
    expected.insert(QStringLiteral("seed"), qint64(seed));

    const QString expectedPath = outPath + QStringLiteral(".expected.json");
    if (!writeFile(expectedPath, QJsonDocument(expected).toJson()))
        return fail(QStringLiteral("cannot write %1").arg(expectedPath));

    std::printf("wrote %s: %d valid rows, %zu rows in total\n", qPrintable(outPath), validCount, kinds.size());
    for (const KindInfo &info : kInvalidKinds)
        std::printf("  invalid %-20s %d\n", info.key, perKind);
    return 0;
}
