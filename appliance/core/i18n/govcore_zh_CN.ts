<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>gov::Applicant</name>
    <message>
        <source>Resident identity card</source>
        <translation>居民身份证</translation>
    </message>
    <message>
        <source>Passport</source>
        <translation>护照</translation>
    </message>
    <message>
        <source>Mainland travel permit for Hong Kong and Macao residents</source>
        <translation>港澳居民来往内地通行证</translation>
    </message>
    <message>
        <source>Mainland travel permit for Taiwan residents</source>
        <translation>台湾居民来往大陆通行证</translation>
    </message>
    <message>
        <source>Foreign permanent resident ID card</source>
        <translation>外国人永久居留身份证</translation>
    </message>
</context>
<context>
    <name>gov::AuditExport</name>
    <message>
        <source>Writing the export failed (%1). Check the free space and the target path, then export again.</source>
        <translation>写入导出文件失败（%1）。请检查磁盘剩余空间和目标路径后重新导出。</translation>
    </message>
</context>
<context>
    <name>gov::AuditLog</name>
    <message>
        <source>record %1 is missing (the next record is %2): a record was deleted</source>
        <translation>第 %1 条记录缺失（下一条为第 %2 条）：有记录被删除</translation>
    </message>
    <message>
        <source>record %1 does not link to record %2: records were inserted, deleted or reordered</source>
        <translation>第 %1 条记录与第 %2 条记录链接不上：有记录被插入、删除或调换了顺序</translation>
    </message>
    <message>
        <source>record %1 was changed after it was written (its SM3 digest does not match)</source>
        <translation>第 %1 条记录写入后被修改（SM3 摘要不符）</translation>
    </message>
    <message>
        <source>the chain ends at record %1 but the recorded head is record %2: records at the end were removed</source>
        <translation>审计链止于第 %1 条记录，但记录的链头为第 %2 条：末尾的记录被删除</translation>
    </message>
    <message>
        <source>the recorded head of the chain is missing</source>
        <translation>审计链的链头记录缺失</translation>
    </message>
    <message>
        <source>No terminal signing key is loaded, so the audit log cannot be sealed. Open the cache with its terminal key.</source>
        <translation>未加载终端签名密钥，无法为审计日志签署检查点。请使用本终端的签名密钥打开缓存。</translation>
    </message>
    <message>
        <source>a checkpoint signed on %1 covers records up to %2, but the chain ends at record %3: records at the end were removed</source>
        <translation>%1 签署的检查点覆盖至第 %2 条记录，但哈希链止于第 %3 条：末尾的记录已被删除</translation>
    </message>
    <message>
        <source>record %1 is not the record that the checkpoint of %2 signed: the chain was rewritten</source>
        <translation>第 %1 条记录与 %2 签署的检查点不一致：哈希链已被改写</translation>
    </message>
    <message>
        <source>the checkpoint at record %1 was signed by another key (%2), not by this terminal&apos;s key (%3)</source>
        <translation>第 %1 条记录处的检查点由其他密钥（%2）签署，而非本终端密钥（%3）</translation>
    </message>
    <message>
        <source>the signature of the checkpoint at record %1 does not verify: the checkpoint was forged or changed</source>
        <translation>第 %1 条记录处的检查点签名验证失败：检查点被伪造或篡改</translation>
    </message>
</context>
<context>
    <name>gov::Case</name>
    <message>
        <source>Submitted</source>
        <translation>待受理</translation>
    </message>
    <message>
        <source>Awaiting correction</source>
        <translation>待补正</translation>
    </message>
    <message>
        <source>Accepted</source>
        <translation>已受理</translation>
    </message>
    <message>
        <source>Under review</source>
        <translation>审查中</translation>
    </message>
    <message>
        <source>Clock stopped</source>
        <translation>已中止计时</translation>
    </message>
    <message>
        <source>Approved</source>
        <translation>已准予</translation>
    </message>
    <message>
        <source>Denied</source>
        <translation>已决定不予</translation>
    </message>
    <message>
        <source>Delivered</source>
        <translation>已送达</translation>
    </message>
    <message>
        <source>Rejected at intake</source>
        <translation>不予受理</translation>
    </message>
    <message>
        <source>Closed</source>
        <translation>已办结</translation>
    </message>
</context>
<context>
    <name>gov::CaseImporter</name>
    <message>
        <source>The file %1 has no column &quot;%2&quot;. Nothing was imported; check that the file is a case export with a header row.</source>
        <translation>文件 %1 中没有“%2”列，未导入任何数据。请确认该文件是带表头行的办件导出文件。</translation>
    </message>
    <message>
        <source>Import stopped: %1 %2 rows were saved before the failure; running the import again reports them as already present and adds the rest.</source>
        <translation>导入中止：%1 中止前已保存 %2 行；重新执行导入时，这些行会提示为已存在，其余行将继续导入。</translation>
    </message>
    <message>
        <source>the case number is empty</source>
        <translation>办件编号为空</translation>
    </message>
    <message>
        <source>case number %1 appears more than once in the file</source>
        <translation>办件编号 %1 在文件中重复出现</translation>
    </message>
    <message>
        <source>case %1 is already in the cache</source>
        <translation>办件 %1 已存在于本地缓存中</translation>
    </message>
    <message>
        <source>matter code %1 is not in the catalog</source>
        <translation>事项编码 %1 不在事项目录中</translation>
    </message>
    <message>
        <source>applicant type &quot;%1&quot; is neither 自然人 nor 法人</source>
        <translation>申请人类型“%1”既不是自然人也不是法人</translation>
    </message>
    <message>
        <source>ID type &quot;%1&quot; is unknown</source>
        <translation>证件类型“%1”无法识别</translation>
    </message>
    <message>
        <source>a legal person needs the ID type 统一社会信用代码, not &quot;%1&quot;</source>
        <translation>法人申请人的证件类型应为统一社会信用代码，而不是“%1”</translation>
    </message>
    <message>
        <source>&quot;%1&quot; is not a valid date</source>
        <translation>“%1”不是有效日期</translation>
    </message>
    <message>
        <source>the application date is empty</source>
        <translation>申请日期为空</translation>
    </message>
    <message>
        <source>the application date %1 is in the future</source>
        <translation>申请日期 %1 晚于今天</translation>
    </message>
    <message>
        <source>the acceptance date %1 is before the application date or in the future</source>
        <translation>受理日期 %1 早于申请日期或晚于今天</translation>
    </message>
    <message>
        <source>Enter this case by hand with an override reason if the code is genuine.</source>
        <translation>如该代码确属真实，请手工录入该办件并填写放行理由。</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <comment>file name and the reason</comment>
        <translation>%1：%2</translation>
    </message>
    <message>
        <source>(%1 characters, not shown)</source>
        <translation>（%1 个字符，不予显示）</translation>
    </message>
    <message>
        <source>the case number %1 is not 1 to 40 letters, digits, &apos;-&apos; or &apos;_&apos;</source>
        <translation>办件编号 %1 不符合要求：应为 1 至 40 位字母、数字、“-”或“_”</translation>
    </message>
</context>
<context>
    <name>gov::CaseService</name>
    <message>
        <source>The folder %1 could not be created. Check the path and your permissions.</source>
        <translation>无法创建文件夹 %1，请检查路径和权限。</translation>
    </message>
    <message>
        <source>No cache found in %1. Run &quot;govctl init&quot; first, or choose the folder with --cache.</source>
        <translation>%1 中没有本地缓存。请先执行“govctl init”，或用 --cache 指定缓存文件夹。</translation>
    </message>
    <message>
        <source>The applicant&apos;s name is missing. Enter the name as it appears on the ID document.</source>
        <translation>缺少申请人名称，请按证件上的名称填写。</translation>
    </message>
    <message>
        <source>ID number</source>
        <translation>证件号码</translation>
    </message>
    <message>
        <source>The document number is missing.</source>
        <translation>缺少证件号码。</translation>
    </message>
    <message>
        <source>Unified social credit code</source>
        <translation>统一社会信用代码</translation>
    </message>
    <message>
        <source>The legal representative of the organisation is missing.</source>
        <translation>缺少法定代表人。</translation>
    </message>
    <message>
        <source>Phone</source>
        <translation>联系电话</translation>
    </message>
    <message>
        <source>If the code is printed so on the business licence, repeat with an override reason (--override-reason).</source>
        <translation>如营业执照上的代码确实如此，请填写放行理由（--override-reason）后重新提交。</translation>
    </message>
    <message>
        <source>Material %1 is not in the materials list of matter %2.</source>
        <translation>材料 %1 不在事项 %2 的材料清单中。</translation>
    </message>
    <message>
        <source>The attached file %1 could not be read: %2</source>
        <translation>无法读取附件 %1：%2</translation>
    </message>
    <message>
        <source>Material %1 is not in the materials list of case %2.</source>
        <translation>材料 %1 不在办件 %2 的材料清单中。</translation>
    </message>
    <message>
        <source>Showing personal data needs a reason (--reason TEXT); the reveal is audited.</source>
        <translation>查看个人信息明文须填写理由（--reason 理由），该操作将记入审计日志。</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <comment>field label and the validator&apos;s message</comment>
        <translation>%1：%2</translation>
    </message>
    <message>
        <source>No case matches this case number and the last %1 characters of the ID number. Check both and try again.</source>
        <translation>未找到与该办件编号及证件号码后%1位相符的办件，请核对后重试。</translation>
    </message>
    <message>
        <source>After %1 failed attempts this case number cannot be looked up here for %2 minutes. Please ask at the service window.</source>
        <translation>该办件编号已连续%1次查询未成功，%2分钟内不能在本机查询，请到服务窗口咨询。</translation>
    </message>
    <message>
        <source>Enter the case number printed on your acceptance receipt.</source>
        <translation>请输入受理回执上的办件编号。</translation>
    </message>
    <message>
        <source>Enter the last %1 characters of the applicant&apos;s ID number (or unified social credit code), digits and letters only.</source>
        <translation>请输入申请人身份证件号码（或统一社会信用代码）的后%1位，仅限数字和字母。</translation>
    </message>
    <message>
        <source>This case cannot be looked up here. Please ask at the service window.</source>
        <translation>该办件无法在本机查询，请到服务窗口咨询。</translation>
    </message>
    <message>
        <source>The key file %1 does not belong to the cache in %2: it was replaced or mixed up. Restore the key file that was created with this cache; nothing was changed.</source>
        <translation>密钥文件 %1 不属于 %2 中的本地缓存：该文件已被替换或混用。请恢复创建该缓存时生成的密钥文件；本地缓存未作任何改动。</translation>
    </message>
    <message>
        <source>The USB key&apos;s PIN file &quot;%1&quot; could not be read. Set GOV_SKF_PIN_FILE to a file that only this account can read and that holds the user PIN.</source>
        <translation>无法读取 USB Key 的 PIN 文件“%1”。请将 GOV_SKF_PIN_FILE 设为仅本账户可读、内容为用户 PIN 的文件。</translation>
    </message>
    <message>
        <source>The terminal key file %1 does not hold a valid SM2 private key. Restore it from its backup; nothing was changed.</source>
        <translation>终端密钥文件 %1 中不是有效的 SM2 私钥。请从备份恢复该文件；未作任何更改。</translation>
    </message>
    <message>
        <source>The terminal key (%1) is not the key this cache was sealed with: it was replaced or mixed up. Restore the original terminal key; nothing was changed.</source>
        <translation>终端密钥（%1）不是本缓存签署审计日志所用的密钥，可能已被替换或混用。请恢复原终端密钥；未作任何更改。</translation>
    </message>
</context>
<context>
    <name>gov::CaseStore</name>
    <message>
        <source>No case with number %1 is in this cache. Check the number with &quot;govctl case list&quot;.</source>
        <translation>本地缓存中没有编号为 %1 的办件，请用“govctl case list”核对编号。</translation>
    </message>
    <message>
        <source>The matter code %1 is not in the catalog. Import the catalog with &quot;govctl catalog import FILE&quot; or check the code with &quot;govctl catalog list&quot;.</source>
        <translation>事项编码 %1 不在事项目录中。请用“govctl catalog import 文件”导入目录，或用“govctl catalog list”核对编码。</translation>
    </message>
    <message>
        <source>A case with number %1 already exists in this cache.</source>
        <translation>本地缓存中已有编号为 %1 的办件。</translation>
    </message>
    <message>
        <source>Case %1 was changed by someone else in the meantime. Show it again and repeat the action.</source>
        <translation>办件 %1 已被他人修改，请重新查看后再执行该操作。</translation>
    </message>
</context>
<context>
    <name>gov::Catalog</name>
    <message>
        <source>Catalog file %1: the top-level field &quot;%2&quot; is not part of the catalog format. Check its spelling or remove it.</source>
        <translation>目录文件 %1：顶层字段“%2”不属于目录格式，请检查拼写或删除该字段。</translation>
    </message>
    <message>
        <source>Catalog file %1: the field &quot;format&quot; is missing or not a number. A catalog file of this version starts with &quot;format&quot;: %2.</source>
        <translation>目录文件 %1：字段“format”缺失或不是数字，本版本软件要求其值为 %2。</translation>
    </message>
    <message>
        <source>Catalog file %1 has format %2, but this version reads only format %3. Update the software or ask for a catalog in format %3.</source>
        <translation>目录文件 %1 的格式为 %2，本版本软件仅支持格式 %3。请升级软件，或索取格式 %3 的目录文件。</translation>
    </message>
    <message>
        <source>Catalog file %1: the field &quot;version&quot; is missing or empty. Enter the catalog version as text.</source>
        <translation>目录文件 %1：字段“version”缺失或为空，请以文本形式填写目录版本。</translation>
    </message>
    <message>
        <source>Catalog file %1: the field &quot;description&quot; must be text.</source>
        <translation>目录文件 %1：字段“description”必须为文本。</translation>
    </message>
    <message>
        <source>Catalog file %1: the field &quot;region&quot; must be the 6-digit administrative division code (GB/T 2260) of the region the catalog covers, such as &quot;130000&quot;.</source>
        <translation>目录文件 %1：字段“region”必须为目录覆盖地区的 6 位行政区划代码（GB/T 2260），例如“130000”。</translation>
    </message>
    <message>
        <source>Catalog file %1, matters[%2]: %3</source>
        <translation>目录文件 %1，matters[%2]：%3</translation>
    </message>
    <message>
        <source>Catalog file %1: the field &quot;matters&quot; is missing or has no entries. A catalog lists at least one matter.</source>
        <translation>目录文件 %1：字段“matters”缺失或没有条目，目录至少应包含一个事项。</translation>
    </message>
    <message>
        <source>Catalog file %1, matters[%2]: the entry is not a JSON object.</source>
        <translation>目录文件 %1，matters[%2]：该条目不是 JSON 对象。</translation>
    </message>
    <message>
        <source>Catalog file %1, matters[%2]: the matter code &quot;%3&quot; is already used by matters[%4]. Every matter needs its own code.</source>
        <translation>目录文件 %1，matters[%2]：事项编码“%3”已被 matters[%4] 使用，每个事项应使用唯一编码。</translation>
    </message>
    <message>
        <source>Catalog file %1, matters[%2]: the division code &quot;%3&quot; of matter %4 lies outside the region of the catalog. Check the field &quot;divisionCode&quot;.</source>
        <translation>目录文件 %1，matters[%2]：事项 %4 的行政区划代码“%3”不在本目录覆盖地区内，请检查字段“divisionCode”。</translation>
    </message>
    <message>
        <source>Catalog file %1 is not valid JSON (line:column %2, %3). Correct the file or ask for a new copy.</source>
        <translation>目录文件 %1 不是有效的 JSON（行:列 %2，%3），请更正文件或重新获取。</translation>
    </message>
    <message>
        <source>Catalog file %1 does not contain a JSON object at the top level.</source>
        <translation>目录文件 %1 的顶层不是 JSON 对象。</translation>
    </message>
    <message>
        <source>The catalog file %1 could not be opened (%2). Check the path and the file permissions.</source>
        <translation>无法打开目录文件 %1（%2），请检查路径和文件权限。</translation>
    </message>
    <message>
        <source>The catalog file %1 is larger than %2 MiB and is not read. Check that it is a catalog file.</source>
        <translation>目录文件 %1 超过 %2 MiB，未予读取，请确认该文件是否为目录文件。</translation>
    </message>
    <message>
        <source>The catalog file %1 could not be read (%2). Check the storage medium and try again.</source>
        <translation>无法读取目录文件 %1（%2），请检查存储介质后重试。</translation>
    </message>
    <message>
        <source>%1 is not a regular file but a folder, a pipe or a device, so it was not read. Give the path of the catalog file itself.</source>
        <translation>%1 不是普通文件，而是文件夹、管道或设备，未予读取。请指定事项目录文件本身的路径。</translation>
    </message>
</context>
<context>
    <name>gov::CitizenId</name>
    <message>
        <source>The ID number %1 has %2 characters. A citizen ID number has 18 characters (or 15 digits in the old form).</source>
        <translation>身份号码 %1 共 %2 位。公民身份号码应为 18 位（旧版为 15 位数字）。</translation>
    </message>
    <message>
        <source>The ID number %1 has an invalid character at position %2. Only digits are allowed, and X as the last of 18 characters.</source>
        <translation>身份号码 %1 的第 %2 位是无效字符。身份号码只能由数字组成，18 位号码的最后一位可以是 X。</translation>
    </message>
    <message>
        <source>The address code (first 6 digits) of the ID number %1 failed the division code check. %2</source>
        <translation>身份号码 %1 的地址码（前 6 位）未通过行政区划代码校验。%2</translation>
    </message>
    <message>
        <source>The check character (last character) of the ID number %1 does not match the first 17 digits. Check the number for typing errors.</source>
        <translation>身份号码 %1 的校验码（最后一位）与前 17 位不符。请检查号码是否输入有误。</translation>
    </message>
    <message>
        <source>The birth date %1 in the ID number %2 does not exist. Check the number for typing errors.</source>
        <translation>身份号码 %2 中的出生日期 %1 不存在。请检查号码是否输入有误。</translation>
    </message>
    <message>
        <source>The birth date %1 in the ID number %2 is before 1900-01-01. Check the number for typing errors.</source>
        <translation>身份号码 %2 中的出生日期 %1 早于 1900 年 1 月 1 日。请检查号码是否输入有误。</translation>
    </message>
    <message>
        <source>The birth date %1 in the ID number %2 is in the future. Check the number for typing errors.</source>
        <translation>身份号码 %2 中的出生日期 %1 晚于当前日期。请检查号码是否输入有误。</translation>
    </message>
</context>
<context>
    <name>gov::CreditCode</name>
    <message>
        <source>The unified social credit code has %1 characters; it must have 18.</source>
        <translation>统一社会信用代码共 %1 位，应为 18 位。</translation>
    </message>
    <message>
        <source>The unified social credit code has the character &quot;%1&quot; at position %2, which is not allowed. Codes use only digits and the capital letters A-H, J-N, P-R, T, U and W-Y.</source>
        <translation>统一社会信用代码第 %2 位的字符“%1”无效。代码只能由数字和大写字母 A-H、J-N、P-R、T、U、W-Y 组成。</translation>
    </message>
    <message>
        <source>Position %1 of the unified social credit code is not a digit. Positions 3 to 8 hold the administrative division code and must be digits.</source>
        <translation>统一社会信用代码第 %1 位不是数字。第 3 至 8 位为登记管理机关行政区划码，只能是数字。</translation>
    </message>
    <message>
        <source>The check character (18th character) of the unified social credit code does not match the first 17 characters. Some codes issued before GB 32100-2015 fail this check. Compare the code with the business licence or registration certificate; to accept it, an operator must override the check and record a reason.</source>
        <translation>统一社会信用代码的校验码（第 18 位）与前 17 位不符。部分在 GB 32100-2015 实施前赋予的代码无法通过此项校验。请与营业执照或登记证书核对；如需接受该代码，须由操作员人工确认并填写理由。</translation>
    </message>
</context>
<context>
    <name>gov::CsvReader</name>
    <message>
        <source>The file is not valid %1 text: the bytes at offset %2 (line %3) are not a valid character. Nothing was imported. Save the file again as UTF-8 or GB18030, or choose the right encoding, and import it again.</source>
        <translation>文件不是有效的 %1 文本：第 %3 行（偏移量 %2 字节）处的字节不是有效字符，未导入任何数据。请将文件另存为 UTF-8 或 GB18030 编码，或选择正确的编码后重新导入。</translation>
    </message>
    <message>
        <source>The system cannot convert text from %1. Install the glibc character conversion modules (gconv) and try again.</source>
        <translation>系统无法转换 %1 编码的文本，请安装 glibc 字符转换模块（gconv）后重试。</translation>
    </message>
    <message>
        <source>The encoding &quot;%1&quot; is not supported. Choose utf-8, gbk, gb2312 or gb18030, or leave the encoding empty to detect it.</source>
        <translation>不支持编码“%1”，请选择 utf-8、gbk、gb2312 或 gb18030，或留空以自动识别。</translation>
    </message>
    <message>
        <source>a quote character inside an unquoted field (enclose the field in quotes and double the quote)</source>
        <translation>未加引号的字段中含有引号（应将该字段用引号括起，并将其中的引号写两次）</translation>
    </message>
    <message>
        <source>text after the closing quote of a quoted field (a quote inside a quoted field must be doubled)</source>
        <translation>带引号字段的结束引号后还有其他字符（带引号字段中的引号应写两次）</translation>
    </message>
    <message>
        <source>%1, found on line %2</source>
        <translation>%1，在第 %2 行发现</translation>
    </message>
    <message>
        <source>The header row on line %1 is invalid: %2. Correct the header and import the file again.</source>
        <translation>第 %1 行的表头无效：%2。请更正表头后重新导入。</translation>
    </message>
    <message>
        <source>expected %1 fields, found %2</source>
        <translation>应有 %1 个字段，实有 %2 个</translation>
    </message>
    <message>
        <source>The file could not be parsed because memory ran out. Split the file into smaller files and import them one by one.</source>
        <translation>内存不足，无法解析该文件，请将文件拆分为较小的文件后逐个导入。</translation>
    </message>
    <message>
        <source>a quoted field is not closed before the end of the file</source>
        <translation>带引号的字段直至文件结尾仍未闭合</translation>
    </message>
    <message>
        <source>The file %1 could not be opened (%2). Check the path and the file permissions.</source>
        <translation>无法打开文件 %1（%2），请检查路径和文件权限。</translation>
    </message>
    <message>
        <source>The file %1 is larger than %2 MiB. Split it into smaller files and import them one by one.</source>
        <translation>文件 %1 超过 %2 MiB，请将其拆分为较小的文件后逐个导入。</translation>
    </message>
    <message>
        <source>The file %1 could not be read (%2). Check the storage medium and try again.</source>
        <translation>无法读取文件 %1（%2），请检查存储介质后重试。</translation>
    </message>
    <message>
        <source>The file contains no header row. The first non-empty line must name the columns.</source>
        <translation>文件中没有表头行，第一个非空行应为各列名称。</translation>
    </message>
    <message>
        <source>The file is UTF-16 text (it starts with a UTF-16 byte order mark). Nothing was imported. Save the file again as UTF-8 or GB18030 and import it again.</source>
        <translation>该文件为 UTF-16 编码文本（以 UTF-16 字节顺序标记开头），未导入任何数据。请将文件另存为 UTF-8 或 GB18030 编码后重新导入。</translation>
    </message>
    <message>
        <source>The file contains a NUL byte at offset %1 (line %2), so it is not UTF-8 or GB18030 text; UTF-16 text and binary files contain such bytes. Nothing was imported. Save the file again as UTF-8 or GB18030 and import it again.</source>
        <translation>该文件在偏移量 %1（第 %2 行）处含有空字节（NUL），不是 UTF-8 或 GB18030 编码的文本（UTF-16 编码文本和二进制文件才含有此类字节）。未导入任何数据。请将文件另存为 UTF-8 或 GB18030 编码后重新导入。</translation>
    </message>
    <message>
        <source>The file starts with a UTF-8 byte order mark, but the bytes at offset %1 (line %2) are not UTF-8, and without the mark the file reads as GB18030 (GBK) text. Nothing was imported. Import it again with the encoding gbk, or save it again as UTF-8.</source>
        <translation>该文件以 UTF-8 字节顺序标记开头，但偏移量 %1（第 %2 行）处的字节不是 UTF-8 编码；去掉该标记后，文件可按 GB18030（GBK）编码读取。未导入任何数据。请指定编码 gbk 重新导入，或将文件另存为 UTF-8 编码。</translation>
    </message>
    <message>
        <source>The file mixes encodings or is damaged. It is valid UTF-8 up to offset %1 (line %2), but the bytes there are not; read as GB18030 instead, it fails earlier, at offset %3 (line %4). Nothing was imported. Save the whole file again in one encoding, UTF-8 or GB18030, and import it again.</source>
        <translation>该文件混用了多种编码或已损坏：偏移量 %1（第 %2 行）之前均为有效的 UTF-8 编码，该处字节则不是；若改按 GB18030 读取，在更前面的偏移量 %3（第 %4 行）处即已出错。未导入任何数据。请将整个文件统一另存为 UTF-8 或 GB18030 编码后重新导入。</translation>
    </message>
    <message>
        <source>column %1 (%2) contains the control character U+%3; remove it from the export</source>
        <translation>第 %1 列（%2）含有控制字符 U+%3，请从导出文件中删除该字符</translation>
    </message>
    <message>
        <source>%1 is not a regular file but a folder, a pipe or a device, so it was not read. Give the path of the exported CSV file itself.</source>
        <translation>%1 不是普通文件，而是文件夹、管道或设备，未予读取。请指定导出的 CSV 文件本身的路径。</translation>
    </message>
</context>
<context>
    <name>gov::Deadlines</name>
    <message>
        <source>Case %1 has no %2, so its deadline cannot be computed. Correct the case record.</source>
        <translation>办件 %1 缺少%2，无法计算办理时限。请更正办件记录。</translation>
    </message>
    <message>
        <source>suspension start date</source>
        <translation>中止计时起始日期</translation>
    </message>
    <message>
        <source>submission date</source>
        <translation>申请日期</translation>
    </message>
    <message>
        <source>acceptance date</source>
        <translation>受理日期</translation>
    </message>
    <message>
        <source>decision date</source>
        <translation>决定日期</translation>
    </message>
    <message>
        <source>On time</source>
        <translation>正常</translation>
    </message>
    <message>
        <source>Due soon</source>
        <translation>即将到期</translation>
    </message>
    <message>
        <source>Overdue</source>
        <translation>已超期</translation>
    </message>
    <message>
        <source>Clock stopped</source>
        <translation>已中止计时</translation>
    </message>
    <message>
        <source>Completed</source>
        <translation>计时已结束</translation>
    </message>
    <message>
        <source>The date for the deadline check is invalid. Give a date as YYYY-MM-DD.</source>
        <translation>用于计算时限的日期无效。请按 YYYY-MM-DD 格式填写日期。</translation>
    </message>
</context>
<context>
    <name>gov::DivisionCodes</name>
    <message>
        <source>expected %1 columns, found %2</source>
        <translation>应有 %1 列，实际有 %2 列</translation>
    </message>
    <message>
        <source>the code &quot;%1&quot; is not a 6-digit number</source>
        <translation>代码“%1”不是 6 位数字</translation>
    </message>
    <message>
        <source>the code &quot;%1&quot; is not a number of 2, 4, 6, 9 or 12 digits</source>
        <translation>代码“%1”不是 2、4、6、9 或 12 位数字</translation>
    </message>
    <message>
        <source>the code &quot;%1&quot; starts with 00, which is not a province code</source>
        <translation>代码“%1”以 00 开头，不是省级代码</translation>
    </message>
    <message>
        <source>the %1 column is empty</source>
        <translation>“%1”列为空</translation>
    </message>
    <message>
        <source>a quoted field has no closing quotation mark</source>
        <translation>带引号的字段缺少结束引号</translation>
    </message>
    <message>
        <source>text follows the closing quotation mark of a field</source>
        <translation>字段的结束引号后还有其他字符</translation>
    </message>
    <message>
        <source>Line %1 of the division code list %2 is invalid: %3. Correct the line and import the file again; no code from this file was loaded.</source>
        <translation>行政区划代码表 %2 第 %1 行有误：%3。请更正该行后重新导入；本文件中的代码均未载入。</translation>
    </message>
    <message>
        <source>The province-level code %1 of division code %2 is not in the division code list. Check the code. If it is correct, load a complete list with &quot;govctl divisions import FILE&quot;.</source>
        <translation>行政区划代码 %2 的省级代码 %1 不在行政区划代码表中。请核对代码；如代码无误，请使用“govctl divisions import FILE”命令导入完整的代码表。</translation>
    </message>
    <message>
        <source>The prefecture-level code %1 of division code %2 is not in any loaded revision of the division code list. Check the code. If it comes from another revision, load that revision&apos;s list with &quot;govctl divisions import FILE&quot;.</source>
        <translation>行政区划代码 %2 的地级代码 %1 不在已载入的任何版本的行政区划代码表中。请核对代码；如该代码属于其他版本，请使用“govctl divisions import FILE”命令导入该版本的代码表。</translation>
    </message>
    <message>
        <source>The county-level division code %1 is not in any loaded revision of the division code list. Check the code. If it comes from another revision, load that revision&apos;s list with &quot;govctl divisions import FILE&quot;.</source>
        <translation>县级行政区划代码 %1 不在已载入的任何版本的行政区划代码表中。请核对代码；如该代码属于其他版本，请使用“govctl divisions import FILE”命令导入该版本的代码表。</translation>
    </message>
    <message>
        <source>Cannot open the division code list %1: %2.</source>
        <translation>无法打开行政区划代码表 %1：%2。</translation>
    </message>
    <message>
        <source>The division code list %1 is not valid UTF-8 text. Save it as UTF-8 and import it again.</source>
        <translation>行政区划代码表 %1 不是有效的 UTF-8 文本。请将其另存为 UTF-8 编码后重新导入。</translation>
    </message>
    <message>
        <source>The division code list %1 contains no province-, prefecture- or county-level code.</source>
        <translation>行政区划代码表 %1 中没有省级、地级或县级代码。</translation>
    </message>
    <message>
        <source>The address code &quot;%1&quot; is not a 6-digit number.</source>
        <translation>地址码“%1”不是 6 位数字。</translation>
    </message>
    <message>
        <source>The division code &quot;%1&quot; is not a 6-digit number.</source>
        <translation>行政区划代码“%1”不是 6 位数字。</translation>
    </message>
    <message>
        <source>%1 is not a regular file but a folder, a pipe or a device, so it was not read. Give the path of the division code list itself.</source>
        <translation>%1 不是普通文件，而是文件夹、管道或设备，未予读取。请指定行政区划代码表文件本身的路径。</translation>
    </message>
    <message>
        <source>The division code list %1 is larger than %2 MiB and was not read. Check that it is a division code list.</source>
        <translation>行政区划代码表 %1 超过 %2 MiB，未予读取。请确认该文件确为行政区划代码表。</translation>
    </message>
</context>
<context>
    <name>gov::FieldCipher</name>
    <message>
        <source>The encrypted field %1 failed authentication, so it was not decrypted. The local cache may have been tampered with, or the key file does not belong to this cache. Restore the cache and its key file from the same backup, or contact the system administrator.</source>
        <translation>加密字段 %1 未通过完整性校验，未予解密。本地缓存可能已被篡改，或密钥文件与本缓存不匹配。请从同一份备份中恢复缓存及其密钥文件，或联系系统管理员。</translation>
    </message>
    <message>
        <source>The crypto provider returned an HMAC-SM3 value of the wrong length, so the field keys could not be derived. Contact the system administrator.</source>
        <translation>密码服务返回的 HMAC-SM3 值长度不正确，无法派生字段密钥。请联系系统管理员。</translation>
    </message>
    <message>
        <source>No crypto provider was configured for field encryption. Contact the system administrator.</source>
        <translation>未配置用于字段加密的密码服务。请联系系统管理员。</translation>
    </message>
    <message>
        <source>The master key for field encryption is %1 bytes long, but it must be exactly 32 bytes. Check that the key file is intact, or contact the system administrator.</source>
        <translation>字段加密主密钥长度为 %1 字节，应恰为 32 字节。请检查密钥文件是否完好，或联系系统管理员。</translation>
    </message>
    <message>
        <source>The value for field %1 contains an invalid character, so it could not be encrypted. Re-enter the value.</source>
        <translation>字段 %1 的值含有无效字符，无法加密。请重新输入。</translation>
    </message>
    <message>
        <source>The value to search by is empty. Enter the ID number or other value to search for.</source>
        <translation>查询条件为空。请输入要查询的公民身份号码或其他信息。</translation>
    </message>
</context>
<context>
    <name>gov::HttpsClient</name>
    <message>
        <source>The exchange hub cannot be reached. The request is retried later.</source>
        <translation>无法连接交换节点，稍后将重试该请求。</translation>
    </message>
    <message>
        <source>The connection to the exchange hub timed out. The request is retried later.</source>
        <translation>与交换节点的连接超时，稍后将重试该请求。</translation>
    </message>
    <message>
        <source>The connection to the exchange hub broke off. The request is retried later.</source>
        <translation>与交换节点的连接中断，稍后将重试该请求。</translation>
    </message>
    <message>
        <source>The exchange hub is busy (HTTP %1). The request is retried later.</source>
        <translation>交换节点繁忙（HTTP %1），稍后将重试该请求。</translation>
    </message>
    <message>
        <source>The request to the exchange hub was cancelled.</source>
        <translation>发往交换节点的请求已取消。</translation>
    </message>
    <message>
        <source>The exchange hub&apos;s certificate did not verify against the transport CA. Check the hub address and the CA file.</source>
        <translation>交换节点的证书未通过传输 CA 的验证。请检查交换节点地址和 CA 文件。</translation>
    </message>
    <message>
        <source>The exchange hub rejected this terminal&apos;s transport certificate. Renew or reinstall the certificate.</source>
        <translation>交换节点拒绝了本终端的传输证书。请更新或重新安装该证书。</translation>
    </message>
    <message>
        <source>The exchange hub rejected the request (HTTP %1).</source>
        <translation>交换节点拒绝了该请求（HTTP %1）。</translation>
    </message>
    <message>
        <source>The exchange hub answered with a redirect (HTTP %1), which is not followed. Check the hub address.</source>
        <translation>交换节点返回了重定向（HTTP %1），系统不会跟随重定向。请检查交换节点地址。</translation>
    </message>
    <message>
        <source>The exchange hub&apos;s response is larger than the limit of %1 bytes.</source>
        <translation>交换节点的应答超过了 %1 字节的上限。</translation>
    </message>
    <message>
        <source>The connection to the exchange hub is misconfigured. Check the hub address, the certificate files and the transport settings.</source>
        <translation>与交换节点的连接配置有误。请检查交换节点地址、证书文件和传输设置。</translation>
    </message>
</context>
<context>
    <name>gov::KeyFile</name>
    <message>
        <source>The key file %1 is a symbolic link, which is not accepted because the key could be redirected to another file. Replace the link with the key file itself, then run: chmod 600 %1</source>
        <translation>密钥文件 %1 是符号链接。为防止密钥被重定向到其他文件，系统不接受符号链接。请用密钥文件本身替换该链接，然后执行：chmod 600 %1</translation>
    </message>
    <message>
        <source>Reading the key file %1 failed: %2. Check the disk and the file permissions, then try again.</source>
        <translation>读取密钥文件 %1 失败：%2。请检查磁盘及文件权限后重试。</translation>
    </message>
    <message>
        <source>Creating the key file %1 failed: %2. Check that its folder is writable and the disk is not full, then try again.</source>
        <translation>创建密钥文件 %1 失败：%2。请确认所在目录可写且磁盘空间充足后重试。</translation>
    </message>
    <message>
        <source>The key file %1 is not a regular file. Remove it and restore the key file that belongs to this cache from its backup.</source>
        <translation>密钥文件 %1 不是普通文件。请将其删除，并从备份中恢复与本缓存配套的密钥文件。</translation>
    </message>
    <message>
        <source>The key file %1 is owned by user id %2, but this program runs as user id %3. Run: chown %3 %1</source>
        <translation>密钥文件 %1 的属主为用户 ID %2，而本程序以用户 ID %3 运行。请执行：chown %3 %1</translation>
    </message>
    <message>
        <source>The key file %1 can be accessed by group or other users (mode %2). Run: chmod 600 %1</source>
        <translation>密钥文件 %1 允许同组用户或其他用户访问（权限为 %2）。请执行：chmod 600 %1</translation>
    </message>
    <message>
        <source>The key file %1 is %2 bytes long, but a key file is exactly 73 bytes. The file is damaged or is not a key file. Restore it from its backup.</source>
        <translation>密钥文件 %1 长度为 %2 字节，而密钥文件应恰为 73 字节。该文件已损坏或并非密钥文件，请从备份中恢复。</translation>
    </message>
    <message>
        <source>The key file %1 is not in the GOVKEY1 format (a line GOVKEY1, then a line of 64 hexadecimal digits). The file is damaged or is not a key file. Restore it from its backup.</source>
        <translation>密钥文件 %1 不符合 GOVKEY1 格式（第一行为 GOVKEY1，第二行为 64 位十六进制数字）。该文件已损坏或并非密钥文件，请从备份中恢复。</translation>
    </message>
    <message>
        <source>The key file %1 does not exist. Restore the key file that belongs to this cache from its backup.</source>
        <translation>密钥文件 %1 不存在。请从备份中恢复与本缓存配套的密钥文件。</translation>
    </message>
    <message>
        <source>The folder for the key file %1 does not exist. Create it with: mkdir -p -m 700 %2</source>
        <translation>密钥文件 %1 所在的目录不存在。请执行以下命令创建：mkdir -p -m 700 %2</translation>
    </message>
</context>
<context>
    <name>gov::Matter</name>
    <message>
        <source>(no code)</source>
        <translation>（无编码）</translation>
    </message>
    <message>
        <source>Matter %1: the field &quot;%2&quot; is missing or empty. Enter a value in the catalog file.</source>
        <translation>事项 %1：字段“%2”缺失或为空，请在目录文件中填写。</translation>
    </message>
    <message>
        <source>text</source>
        <translation>文本</translation>
    </message>
    <message>
        <source>a number</source>
        <translation>数字</translation>
    </message>
    <message>
        <source>true or false</source>
        <translation>true 或 false</translation>
    </message>
    <message>
        <source>a list</source>
        <translation>列表</translation>
    </message>
    <message>
        <source>an object</source>
        <translation>对象</translation>
    </message>
    <message>
        <source>Matter %1: the field &quot;%2&quot; has a value of the wrong type (expected: %3). Correct it in the catalog file.</source>
        <translation>事项 %1：字段“%2”的值类型不正确（应为%3），请在目录文件中更正。</translation>
    </message>
    <message>
        <source>Matter %1: the field &quot;%2&quot; must be a whole number, but it is %3. Correct it in the catalog file.</source>
        <translation>事项 %1：字段“%2”应为整数，当前值为 %3，请在目录文件中更正。</translation>
    </message>
    <message>
        <source>Matter %1: the field &quot;%2&quot; must be 0 or more, but it is %3. Correct it in the catalog file.</source>
        <translation>事项 %1：字段“%2”不得小于 0，当前值为 %3，请在目录文件中更正。</translation>
    </message>
    <message>
        <source>Matter %1: the field &quot;%2&quot; is not part of the catalog format. Check its spelling or remove it.</source>
        <translation>事项 %1：字段“%2”不属于目录格式，请检查拼写或删除该字段。</translation>
    </message>
    <message>
        <source>Matter %1: the field &quot;%2&quot; must be at least 1, but it is %3. Correct it in the catalog file.</source>
        <translation>事项 %1：字段“%2”不得小于 1，当前值为 %3，请在目录文件中更正。</translation>
    </message>
    <message>
        <source>Matter %1: the field &quot;%2&quot; has the unknown form &quot;%3&quot;. Use one of: %4.</source>
        <translation>事项 %1：字段“%2”的材料形式“%3”无法识别，请使用以下之一：%4。</translation>
    </message>
    <message>
        <source>Matter %1: the field &quot;%2&quot; repeats the material code &quot;%3&quot;. Give every material its own code.</source>
        <translation>事项 %1：字段“%2”中的材料编码“%3”与其他材料重复，每项材料应使用唯一编码。</translation>
    </message>
    <message>
        <source>Matter %1: the field &quot;promisedLimitDays&quot; (%2 working days) is longer than the statutory limit (%3 working days). The promised limit must not exceed the statutory limit.</source>
        <translation>事项 %1：字段“promisedLimitDays”（%2 个工作日）超过法定办结时限（%3 个工作日），承诺办结时限不得超过法定办结时限。</translation>
    </message>
    <message>
        <source>Matter %1: the field &quot;code&quot; has the invalid value &quot;%2&quot;. Use at most 64 characters from A-Z, a-z, 0-9, &quot;-&quot;, &quot;_&quot; and &quot;.&quot;.</source>
        <translation>事项 %1：字段“code”的值“%2”无效，请使用不超过 64 个字符，且仅限 A-Z、a-z、0-9 及“-”“_”“.”。</translation>
    </message>
    <message>
        <source>Matter %1: the field &quot;type&quot; has the unknown value &quot;%2&quot;. Use one of: %3.</source>
        <translation>事项 %1：字段“type”的值“%2”无法识别，请使用以下之一：%3。</translation>
    </message>
    <message>
        <source>Matter %1: the field &quot;divisionCode&quot; has the invalid value &quot;%2&quot;. Enter the 6-digit administrative division code (GB/T 2260) of the agency.</source>
        <translation>事项 %1：字段“divisionCode”的值“%2”无效，请填写实施机构的 6 位行政区划代码（GB/T 2260）。</translation>
    </message>
    <message>
        <source>The matter type &quot;%1&quot; is unknown. Use one of: %2.</source>
        <translation>事项类型“%1”无法识别，请使用以下之一：%2。</translation>
    </message>
    <message>
        <source>Administrative license</source>
        <translation>行政许可</translation>
    </message>
    <message>
        <source>Administrative confirmation</source>
        <translation>行政确认</translation>
    </message>
    <message>
        <source>Administrative benefit</source>
        <translation>行政给付</translation>
    </message>
    <message>
        <source>Administrative ruling</source>
        <translation>行政裁决</translation>
    </message>
    <message>
        <source>Administrative record filing</source>
        <translation>行政备案</translation>
    </message>
    <message>
        <source>Public service</source>
        <translation>公共服务</translation>
    </message>
    <message>
        <source>Other administrative power</source>
        <translation>其他行政权力</translation>
    </message>
</context>
<context>
    <name>gov::Migrations</name>
    <message>
        <source>The cache at %1 was written by a newer GovAppliance (schema %2, this program knows up to %3). Upgrade the software; the cache was not changed.</source>
        <translation>%1 处的本地缓存由更新版本的 GovAppliance 写入（数据结构版本 %2，本程序最高支持 %3）。请升级软件；本地缓存未作任何改动。</translation>
    </message>
</context>
<context>
    <name>gov::OperatorAuth</name>
    <message>
        <source>Operator id or PIN is wrong. After %1 wrong attempts in a row the account is locked for %2 minutes.</source>
        <translation>操作员编号或 PIN 码错误。连续输错 %1 次后账号将锁定 %2 分钟。</translation>
    </message>
    <message>
        <source>The PIN must be 6 to 12 digits.</source>
        <translation>PIN 码须为 6 至 12 位数字。</translation>
    </message>
    <message>
        <source>The PIN is too easy to guess (one repeated digit or a plain run such as 123456). Choose another.</source>
        <translation>PIN 码过于简单（同一数字重复或 123456 这类连续数字），请另设一个。</translation>
    </message>
    <message>
        <source>The operator id &quot;%1&quot; is invalid: use 2 to 32 letters, digits, &apos;-&apos; or &apos;_&apos;.</source>
        <translation>操作员编号“%1”无效：请使用 2 至 32 位字母、数字、“-”或“_”。</translation>
    </message>
    <message>
        <source>The operator&apos;s name is missing.</source>
        <translation>缺少操作员姓名。</translation>
    </message>
    <message>
        <source>An operator with id %1 already exists.</source>
        <translation>操作员编号 %1 已存在。</translation>
    </message>
    <message>
        <source>The account %1 is locked after repeated wrong PINs until %2. Wait, or ask an administrator to unlock it.</source>
        <translation>账号 %1 因多次输错 PIN 码已锁定，%2 后解锁。请稍候，或请管理员解锁。</translation>
    </message>
    <message>
        <source>Wrong PIN %1 times in a row: the account %2 is locked for %3 minutes.</source>
        <translation>连续 %1 次输错 PIN 码：账号 %2 已锁定 %3 分钟。</translation>
    </message>
    <message>
        <source>No operator with id %1.</source>
        <translation>没有编号为 %1 的操作员。</translation>
    </message>
</context>
<context>
    <name>gov::PhoneNumber</name>
    <message>
        <source>The area code of the landline number is invalid. Area codes are 010, 020 to 029, or four digits starting with 03 to 09.</source>
        <translation>固定电话的区号无效。区号应为 010、020 至 029，或以 03 至 09 开头的 4 位数字。</translation>
    </message>
    <message>
        <source>The extension must have 1 to 6 digits.</source>
        <translation>分机号应为 1 至 6 位数字。</translation>
    </message>
    <message>
        <source>A mobile number has no extension.</source>
        <translation>手机号码不能带分机号。</translation>
    </message>
    <message>
        <source>A mobile number has 11 digits; this one has %1.</source>
        <translation>手机号码应为 11 位数字，当前为 %1 位。</translation>
    </message>
    <message>
        <source>A mobile number starts with 13 to 19.</source>
        <translation>手机号码应以 13 至 19 开头。</translation>
    </message>
    <message>
        <source>The landline number has too many parts. Write it as area code, number and an optional extension, for example 0311-87654321-123.</source>
        <translation>固定电话号码的组成部分过多。请按“区号-号码-分机号（可选）”的格式填写，例如 0311-87654321-123。</translation>
    </message>
    <message>
        <source>The landline number after the area code must have 7 or 8 digits and must not start with 0 or 1.</source>
        <translation>固定电话区号后的号码应为 7 或 8 位数字，且不能以 0 或 1 开头。</translation>
    </message>
    <message>
        <source>The phone number is empty.</source>
        <translation>未填写电话号码。</translation>
    </message>
    <message>
        <source>The phone number contains &quot;%1&quot;, which is not allowed. Use digits, with &quot;-&quot;, spaces or parentheses as separators.</source>
        <translation>电话号码中含有不允许的字符“%1”。请只使用数字，并以“-”、空格或括号分隔。</translation>
    </message>
    <message>
        <source>Only the country code +86 (China) is accepted.</source>
        <translation>仅支持国家代码 +86（中国）。</translation>
    </message>
    <message>
        <source>Write a landline number with its area code starting with 0, without the country code +86.</source>
        <translation>固定电话号码请以 0 开头的区号填写，不要加国家代码 +86。</translation>
    </message>
    <message>
        <source>A phone number must be a mobile number (11 digits starting with 1) or a landline number that starts with its area code (0…).</source>
        <translation>电话号码应为手机号码（以 1 开头的 11 位数字）或以区号（以 0 开头）开头的固定电话号码。</translation>
    </message>
</context>
<context>
    <name>gov::SqliteDatabase</name>
    <message>
        <source>The local cache could not be written or read: %1</source>
        <translation>无法读写本地缓存：%1</translation>
    </message>
    <message>
        <source>The cache file %1 is a symbolic link. Replace it with the real file.</source>
        <translation>缓存文件 %1 是符号链接，请换成实际文件。</translation>
    </message>
    <message>
        <source>No cache found at %1. Run &quot;govctl init&quot; first.</source>
        <translation>%1 处没有本地缓存，请先执行“govctl init”。</translation>
    </message>
    <message>
        <source>The cache file %1 reached the file size limit of this process (ulimit -f). What this command was writing was not saved; everything saved before is kept. Raise the limit, then repeat the command.</source>
        <translation>缓存文件 %1 已达到本进程的文件大小上限（ulimit -f）。本次命令正在写入的内容未保存，此前已保存的数据均完好。请提高该上限后重新执行命令。</translation>
    </message>
    <message>
        <source>The disk that holds the cache %1 is full (%2). What this command was writing was not saved; everything saved before is kept. Free disk space, then repeat the command.</source>
        <translation>缓存 %1 所在的磁盘已满（%2）。本次命令正在写入的内容未保存，此前已保存的数据均完好。请清理磁盘空间后重新执行命令。</translation>
    </message>
    <message>
        <source>The cache file %1 could not be read or written (%2). Check the storage device, then repeat the command. If the error stays, restore the cache folder from its backup.</source>
        <translation>无法读写缓存文件 %1（%2）。请检查存储设备后重新执行命令；如仍出错，请从备份恢复缓存文件夹。</translation>
    </message>
    <message>
        <source>The cache %1 cannot be written by this user (%2). Run govctl as the user who owns the cache folder, or give that user write access to the folder and its files.</source>
        <translation>当前用户无权写入缓存 %1（%2）。请以缓存文件夹所有者的身份运行 govctl，或为当前用户授予该文件夹及其中文件的写权限。</translation>
    </message>
    <message>
        <source>The cache file %1 is damaged or is not a GovAppliance cache (%2). Stop writing to it and restore the cache folder from its backup.</source>
        <translation>缓存文件 %1 已损坏或不是本系统的缓存文件（%2）。请停止向其写入，并从备份恢复缓存文件夹。</translation>
    </message>
    <message>
        <source>The cache file %1 could not be opened (%2). Check that it is a file, that its folder exists, and that this user may read and write both.</source>
        <translation>无法打开缓存文件 %1（%2）。请确认其为普通文件、所在文件夹存在，且当前用户对二者均有读写权限。</translation>
    </message>
    <message>
        <source>The cache %1 stayed locked by another program for %2 seconds. Wait until that program has finished, then repeat the command.</source>
        <translation>缓存 %1 已被其他程序锁定 %2 秒。请待该程序运行结束后重新执行命令。</translation>
    </message>
    <message>
        <source>The cache file %1 is empty: it was truncated, or &quot;govctl init&quot; was interrupted. Restore the cache folder from its backup, or move the empty file away and run &quot;govctl init&quot; to start a new cache.</source>
        <translation>缓存文件 %1 为空：文件已被截断，或“govctl init”执行中断。请从备份恢复缓存文件夹，或移走该空文件后运行“govctl init”新建缓存。</translation>
    </message>
</context>
<context>
    <name>gov::SyncConfig</name>
    <message>
        <source>Cannot open the govsyncd configuration file %1. Check the path.</source>
        <translation>无法打开 govsyncd 配置文件 %1。请检查路径。</translation>
    </message>
    <message>
        <source>The govsyncd configuration file %1 is not valid JSON: %2.</source>
        <translation>govsyncd 配置文件 %1 不是有效的 JSON：%2。</translation>
    </message>
    <message>
        <source>The govsyncd configuration file %1 is invalid: %2.</source>
        <translation>govsyncd 配置文件 %1 无效：%2。</translation>
    </message>
</context>
<context>
    <name>gov::SyncEngine</name>
    <message>
        <source>The terminal&apos;s SM2 certificate is missing. Set &quot;terminal.certificates&quot; in the govsyncd configuration.</source>
        <translation>缺少本终端的 SM2 证书。请在 govsyncd 配置中设置“terminal.certificates”。</translation>
    </message>
    <message>
        <source>The terminal key (%1) does not belong to the SM2 certificate &quot;%2&quot;. Install the certificate that was issued for this terminal&apos;s key.</source>
        <translation>终端密钥（%1）与 SM2 证书“%2”不匹配。请安装为本终端密钥签发的证书。</translation>
    </message>
    <message>
        <source>The SM2 certificate is issued to &quot;%1&quot;, but the terminal id is &quot;%2&quot;. They must be the same.</source>
        <translation>SM2 证书的持有者是“%1”，而终端编号是“%2”，二者必须相同。</translation>
    </message>
    <message>
        <source>The batch size and pull limit must be from 1 to %1, and the attempts at least 1.</source>
        <translation>批大小和拉取上限必须在 1 到 %1 之间，重试次数至少为 1。</translation>
    </message>
    <message>
        <source>The sync round was stopped.</source>
        <translation>本轮同步已停止。</translation>
    </message>
    <message>
        <source>The hub could not be reached.</source>
        <translation>无法连接交换节点。</translation>
    </message>
    <message>
        <source>The hub could not be reached after %1 attempts (%2). The pending items stay in the cache and the next round sends them.</source>
        <translation>尝试 %1 次后仍无法连接交换节点（%2）。待发送的数据保留在缓存中，下一轮同步时发送。</translation>
    </message>
</context>
<context>
    <name>gov::Workflow</name>
    <message>
        <source>none</source>
        <translation>无</translation>
    </message>
    <message>
        <source>, </source>
        <translation>、</translation>
    </message>
    <message>
        <source>Case %1 is in state &quot;%2&quot; and cannot take the action &quot;%3&quot;. Allowed actions: %4.</source>
        <translation>办件 %1 当前状态为“%2”，不能执行“%3”；可执行的操作：%4。</translation>
    </message>
    <message>
        <source>A denial must state its reasons. Enter the reasons for denying case %1 and try again.</source>
        <translation>作出不予决定应当说明理由。请填写办件 %1 的不予理由后重试。</translation>
    </message>
    <message>
        <source>The action &quot;%1&quot; on case %2 needs a reason. Enter the reason and try again.</source>
        <translation>办件 %2 执行“%1”须说明理由。请填写理由后重试。</translation>
    </message>
    <message>
        <source>Case %1 belongs to matter %2, not to matter %3. Open the case&apos;s own matter and try again.</source>
        <translation>办件 %1 属于事项 %2，不属于事项 %3。请按该办件所属事项重新操作。</translation>
    </message>
    <message>
        <source>Materials to correct: %1</source>
        <translation>需补正材料：%1</translation>
    </message>
    <message>
        <source>Approved by: %1</source>
        <translation>批准人：%1</translation>
    </message>
    <message>
        <source>; </source>
        <translation>；</translation>
    </message>
    <message>
        <source>Accept</source>
        <translation>受理</translation>
    </message>
    <message>
        <source>Reject at intake</source>
        <translation>不予受理</translation>
    </message>
    <message>
        <source>Request correction</source>
        <translation>补正告知</translation>
    </message>
    <message>
        <source>Resume</source>
        <translation>恢复计时</translation>
    </message>
    <message>
        <source>Review</source>
        <translation>审查</translation>
    </message>
    <message>
        <source>Stop the clock</source>
        <translation>中止计时</translation>
    </message>
    <message>
        <source>Extend</source>
        <translation>延期</translation>
    </message>
    <message>
        <source>Approve</source>
        <translation>准予</translation>
    </message>
    <message>
        <source>Deny</source>
        <translation>不予</translation>
    </message>
    <message>
        <source>Deliver</source>
        <translation>送达</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>办结</translation>
    </message>
    <message>
        <source>The action &quot;%1&quot; on case %2 has no operator id. Sign in and try again.</source>
        <translation>办件 %2 执行“%1”时缺少经办人编号。请登录后重试。</translation>
    </message>
    <message>
        <source>The action &quot;%1&quot; on case %2 has no valid date and time. Check the system clock and try again.</source>
        <translation>办件 %2 执行“%1”时缺少有效的日期和时间。请检查系统时钟后重试。</translation>
    </message>
    <message>
        <source>The date %1 of the action &quot;%2&quot; is before %3, the latest date recorded on case %4. Enter a date on or after %3.</source>
        <translation>“%2”的日期 %1 早于办件 %4 已记录的最晚日期 %3。请填写 %3 当日或之后的日期。</translation>
    </message>
    <message>
        <source>The action &quot;%1&quot; on case %2 is recorded at %3, before the case&apos;s last event at %4. Check the system clock and try again.</source>
        <translation>办件 %2 执行“%1”的记录时间 %3 早于该办件上一次操作的时间 %4。请检查系统时钟后重试。</translation>
    </message>
    <message>
        <source>A correction notice for case %1 was already issued on %2. The law allows a single notice that lists every missing material, so accept or reject the application.</source>
        <translation>办件 %1 已于 %2 发出补正告知。依法应当一次性告知需要补正的全部内容，不得再次告知，请作出受理或者不予受理决定。</translation>
    </message>
    <message>
        <source>The decision limit of case %1 was already extended (approved by %2). The law allows a single extension of 10 working days.</source>
        <translation>办件 %1 的办理时限已经延期（批准人：%2）。依法只能延期一次，延长期限为 10 个工作日。</translation>
    </message>
    <message>
        <source>Case %1 cannot be accepted because required materials are missing: %2. A correction notice was already issued, so record the materials as provided or reject the application.</source>
        <translation>办件 %1 缺少必要材料：%2，不能受理。已发出过补正告知，请登记申请人补正的材料，或者作出不予受理决定。</translation>
    </message>
    <message>
        <source>Case %1 cannot be accepted because required materials are missing: %2. Issue a correction notice that lists them all.</source>
        <translation>办件 %1 缺少必要材料：%2，不能受理。请出具补正告知，一次性告知需要补正的全部材料。</translation>
    </message>
    <message>
        <source>A correction notice for case %1 is too late: the 5 working days after submission on %2 ended on %3. By law the application is deemed accepted on the day it was received, so accept the case.</source>
        <translation>办件 %1 的补正告知已逾期：自 %2 收到申请起的 5 个工作日已于 %3 届满。依法逾期不告知的，自收到申请材料之日起即为受理，请办理受理。</translation>
    </message>
    <message>
        <source>Every required material of case %1 is provided, so no correction notice is needed. Accept the case, or first mark a defective material as not provided.</source>
        <translation>办件 %1 的必要材料均已提交，无需补正告知，请办理受理。如有材料不符合法定形式，请先将其标记为未提交。</translation>
    </message>
    <message>
        <source>The correction notice for case %1 names materials that matter %2 does not list: %3. Check the material codes.</source>
        <translation>办件 %1 的补正告知列有事项 %2 材料清单以外的材料：%3。请核对材料编码。</translation>
    </message>
    <message>
        <source>The correction notice for case %1 names materials that are provided or optional: %2. List only the required materials that are missing.</source>
        <translation>办件 %1 的补正告知列有已提交或非必要的材料：%2。请只列出缺少的必要材料。</translation>
    </message>
    <message>
        <source>The correction notice for case %1 must list every missing material at once, but it leaves out: %2. Add them to the notice.</source>
        <translation>办件 %1 的补正告知应当一次性列明全部缺少的材料，但遗漏了：%2。请将其补充列入告知。</translation>
    </message>
    <message>
        <source>Case %1 cannot resume because required materials are still missing: %2. Record the corrected materials as provided first.</source>
        <translation>办件 %1 仍缺少必要材料：%2，不能恢复办理。请先登记申请人补正的材料。</translation>
    </message>
    <message>
        <source>Case %1 is marked as suspended but has no open suspension record. Correct the case record.</source>
        <translation>办件 %1 处于中止计时状态，但没有未结束的中止记录。请更正办件记录。</translation>
    </message>
    <message>
        <source>Extending case %1 needs the head of the agency who approved it. Enter the approver and try again.</source>
        <translation>办件 %1 延期须经本机关负责人批准。请填写批准人后重试。</translation>
    </message>
    <message>
        <source>The delivery method &quot;%1&quot; for case %2 is invalid. Use window, post or electronic.</source>
        <translation>办件 %2 的送达方式“%1”无效。请使用 window（窗口送达）、post（邮寄送达）或 electronic（电子送达）。</translation>
    </message>
</context>
<context>
    <name>gov::WorkingCalendar</name>
    <message>
        <source>The field &quot;%1&quot; is missing or has the wrong type.</source>
        <translation>字段“%1”缺失或类型不正确。</translation>
    </message>
    <message>
        <source>Entry %1 of &quot;days&quot;: the field &quot;%2&quot; is missing or has the wrong type.</source>
        <translation>“days”中的第%1条记录：字段“%2”缺失或类型不正确。</translation>
    </message>
    <message>
        <source>The file is not valid JSON (%1 at byte %2).</source>
        <translation>文件不是有效的JSON格式（第%2字节处：%1）。</translation>
    </message>
    <message>
        <source>The top level of the file is not a JSON object.</source>
        <translation>文件的顶层不是JSON对象。</translation>
    </message>
    <message>
        <source>The file uses format %1, but this version of the software reads only format %2 (a newer format needs a software update).</source>
        <translation>文件采用第%1版格式，本软件仅支持第%2版格式（读取新版格式须先升级软件）。</translation>
    </message>
    <message>
        <source>The field &quot;years&quot; must list from 1 to %1 consecutive years in ascending order, for example [2025, 2026].</source>
        <translation>字段“years”须按升序列出1至%1个连续年份，例如[2025, 2026]。</translation>
    </message>
    <message>
        <source>The field &quot;sources&quot; must name at least one notice.</source>
        <translation>字段“sources”须至少列明一份通知。</translation>
    </message>
    <message>
        <source>The issue date &quot;%1&quot; is not a valid date in the form YYYY-MM-DD.</source>
        <translation>发布日期“%1”无效，应为YYYY-MM-DD格式的有效日期。</translation>
    </message>
    <message>
        <source>Entry %1 of &quot;days&quot; is not a JSON object.</source>
        <translation>“days”中的第%1条记录不是JSON对象。</translation>
    </message>
    <message>
        <source>Entry %1 of &quot;days&quot;: &quot;%2&quot; is not a valid date in the form YYYY-MM-DD.</source>
        <translation>“days”中的第%1条记录：“%2”无效，应为YYYY-MM-DD格式的有效日期。</translation>
    </message>
    <message>
        <source>The date %1 lies outside the years %2 to %3 that the file declares.</source>
        <translation>日期%1不在文件声明的年份范围（%2年至%3年）内。</translation>
    </message>
    <message>
        <source>The date %1 is listed more than once.</source>
        <translation>日期%1重复出现。</translation>
    </message>
    <message>
        <source>The date %1 is a Monday to Friday, so it cannot be an adjusted working day.</source>
        <translation>日期%1为周一至周五，不能列为调休上班日。</translation>
    </message>
    <message>
        <source>The date %1 is a Saturday or Sunday marked as a rest day without a holiday name, so the entry changes nothing.</source>
        <translation>日期%1为周六或周日，标为休息日但未注明节日名称，该条记录不起作用。</translation>
    </message>
    <message>
        <source>Entry %1 of &quot;days&quot; (%2) has no holiday name.</source>
        <translation>“days”中的第%1条记录（%2）未注明节日名称。</translation>
    </message>
    <message>
        <source>The year %1 is listed in &quot;years&quot; but has no entries in &quot;days&quot;.</source>
        <translation>年份%1已列入“years”，但“days”中没有该年的任何记录。</translation>
    </message>
    <message>
        <source>Could not read the working-day calendar file %1 (%2). Check that the file exists and is readable.</source>
        <translation>无法读取工作日历文件%1（%2）。请检查该文件是否存在且可读取。</translation>
    </message>
    <message>
        <source>The working-day calendar file %1 is larger than %2 bytes, so it cannot be a calendar. Check the file name.</source>
        <translation>工作日历文件%1超过%2字节，不是有效的日历文件。请检查文件名是否正确。</translation>
    </message>
    <message>
        <source>The working-day calendar data is invalid: %1 Install a valid calendar file from the exchange platform.</source>
        <translation>工作日历数据无效：%1请通过共享交换平台获取并安装有效的工作日历文件。</translation>
    </message>
    <message>
        <source>The working-day calendar file %1 is invalid: %2 Install a valid calendar file from the exchange platform.</source>
        <translation>工作日历文件%1无效：%2请通过共享交换平台获取并安装有效的工作日历文件。</translation>
    </message>
    <message>
        <source>The number of working days must be zero or more, but it is %1.</source>
        <translation>工作日天数不能为负数，当前为%1。</translation>
    </message>
    <message>
        <source>A date needed for the working-day calculation is missing or invalid. Check the dates entered for the case.</source>
        <translation>计算工作日所需的日期缺失或无效。请检查办件中填写的日期。</translation>
    </message>
    <message>
        <source>The date %1 is outside the working-day calendar, which covers %2 to %3. Install a newer working-day calendar that covers %4.</source>
        <translation>日期%1超出工作日历的覆盖范围（%2年至%3年）。请安装涵盖%4年的新版工作日历。</translation>
    </message>
    <message>
        <source>Counting %1 working days from %2 goes past %3, the last day of the working-day calendar (which covers %4 to %5). Install a newer working-day calendar.</source>
        <translation>自%2起计算%1个工作日，将超出工作日历的最后一天%3（日历覆盖%4年至%5年）。请安装新版工作日历。</translation>
    </message>
</context>
<context>
    <name>gov::crypto::Certificate</name>
    <message>
        <source>The certificate data could not be read. Check that the file contains X.509 certificates in PEM or DER format.</source>
        <translation>无法读取证书数据。请检查文件中是否为 PEM 或 DER 格式的 X.509 证书。</translation>
    </message>
</context>
<context>
    <name>gov::crypto::CertificateRevocationList</name>
    <message>
        <source>The certificate revocation list (CRL) could not be read. Check that the file contains CRLs in PEM or DER format.</source>
        <translation>无法读取证书吊销列表（CRL）。请检查文件中是否为 PEM 或 DER 格式的 CRL。</translation>
    </message>
</context>
<context>
    <name>gov::crypto::OpenSslGmProvider</name>
    <message>
        <source>The %1 operation of the OpenSSL crypto provider failed. Check that the installed OpenSSL 3 library supports the SM2/SM3/SM4 algorithms, then try again or contact the system administrator.</source>
        <translation>OpenSSL 密码服务执行 %1 运算失败。请确认所安装的 OpenSSL 3 密码库支持 SM2/SM3/SM4 算法，然后重试或联系系统管理员。</translation>
    </message>
    <message>
        <source>The SM4 key is %1 bytes long, but SM4 requires 16 bytes. This is a program error. Contact the system administrator.</source>
        <translation>SM4 密钥长度为 %1 字节，而 SM4 算法要求 16 字节。此为程序错误，请联系系统管理员。</translation>
    </message>
    <message>
        <source>The SM4-CTR initial counter block is %1 bytes long, but it must be 16 bytes. This is a program error. Contact the system administrator.</source>
        <translation>SM4-CTR 初始计数器块长度为 %1 字节，应为 16 字节。此为程序错误，请联系系统管理员。</translation>
    </message>
    <message>
        <source>%1 random bytes were requested, but the count cannot be negative. This is a program error. Contact the system administrator.</source>
        <translation>请求生成的随机字节数为 %1，但字节数不能为负数。此为程序错误，请联系系统管理员。</translation>
    </message>
    <message>
        <source>The OpenSSL random number generator failed, so no key or initialization vector could be made. Check that the system entropy source (/dev/urandom or getrandom) is available, then try again or contact the system administrator.</source>
        <translation>OpenSSL 随机数发生器运行失败，无法生成密钥或初始向量。请确认系统熵源（/dev/urandom 或 getrandom）可用，然后重试或联系系统管理员。</translation>
    </message>
    <message>
        <source>The SM4-CBC initialization vector is %1 bytes long, but it must be 16 bytes. This is a program error. Contact the system administrator.</source>
        <translation>SM4-CBC 初始化向量长度为 %1 字节，应为 16 字节。这是程序错误，请联系系统管理员。</translation>
    </message>
    <message>
        <source>The SM4-CBC ciphertext is %1 bytes long, but it must be a non-zero multiple of 16 bytes, so it is truncated or damaged. Restore the data from a backup.</source>
        <translation>SM4-CBC 密文长度为 %1 字节，应为 16 字节的非零整数倍，数据已被截断或损坏。请从备份中恢复数据。</translation>
    </message>
    <message>
        <source>The SM4-CBC data could not be decrypted because its padding is wrong: the key is wrong or the data is damaged. Check the key, or restore the data from a backup.</source>
        <translation>SM4-CBC 数据填充错误，无法解密：密钥有误或数据已损坏。请检查密钥，或从备份中恢复数据。</translation>
    </message>
    <message>
        <source>The data encryption key is %1 bytes long, but it must be 32 bytes. This is a program error. Contact the system administrator.</source>
        <translation>数据加密密钥长度为 %1 字节，应为 32 字节。这是程序错误，请联系系统管理员。</translation>
    </message>
    <message>
        <source>The encrypted data is %1 bytes long, shorter than the %2 bytes that its format requires, so it is truncated. Restore the data from a backup.</source>
        <translation>加密数据长度为 %1 字节，少于其格式要求的 %2 字节，数据已被截断。请从备份中恢复数据。</translation>
    </message>
    <message>
        <source>The encrypted data starts with the unknown format byte %1, so it cannot be decrypted. The data is damaged or comes from a newer version of this software.</source>
        <translation>加密数据的格式标识字节 %1 无法识别，无法解密。数据可能已损坏，或由本软件的更新版本生成。</translation>
    </message>
    <message>
        <source>The data was encrypted with SM4-GCM, which the installed OpenSSL library does not provide. Decrypt it on a system whose OpenSSL provides SM4-GCM, or contact the system administrator.</source>
        <translation>该数据采用 SM4-GCM 加密，而本机安装的 OpenSSL 库不支持 SM4-GCM。请在 OpenSSL 支持 SM4-GCM 的系统上解密，或联系系统管理员。</translation>
    </message>
    <message>
        <source>The encrypted data failed its integrity check: it was changed or damaged, or it belongs to another record or key. Do not use it; restore it from a backup or contact the system administrator.</source>
        <translation>加密数据未通过完整性校验：数据已被改动或损坏，或属于其他记录、其他密钥。请勿使用该数据，请从备份中恢复或联系系统管理员。</translation>
    </message>
    <message>
        <source>The SM2 signer ID is %1 bytes long, but it can be at most 8191 bytes. Use the standard ID 1234567812345678 unless the signer uses another.</source>
        <translation>SM2 签名者标识长度为 %1 字节，最长不得超过 8191 字节。除非签名方另有约定，请使用标准标识 1234567812345678。</translation>
    </message>
    <message>
        <source>The SM2 signature does not match the data and the public key: the data was changed, or it was signed with another key or signer ID. Do not trust this data; contact its sender.</source>
        <translation>SM2 签名与数据及公钥不符：数据已被改动，或签名所用密钥、签名者标识不同。请勿信任该数据，并联系数据发送方。</translation>
    </message>
    <message>
        <source>The SM2 ciphertext could not be decrypted with this key: it is damaged or was encrypted for another key. Ask the sender to encrypt it again.</source>
        <translation>无法用此密钥解密该 SM2 密文：密文已损坏，或是为其他密钥加密的。请联系发送方重新加密。</translation>
    </message>
    <message>
        <source>There is no data to encrypt with SM2 (the plaintext is empty). This is a program error. Contact the system administrator.</source>
        <translation>没有需要 SM2 加密的数据（明文为空）。这是程序错误，请联系系统管理员。</translation>
    </message>
</context>
<context>
    <name>gov::crypto::SkfProvider</name>
    <message>
        <source>A cryptographic operation for the USB key failed in the OpenSSL library. Try again or contact the system administrator.</source>
        <translation>OpenSSL 密码库在处理 USB Key 相关运算时出错。请重试，或联系系统管理员。</translation>
    </message>
    <message>
        <source>The USB key %1 was removed. Insert the USB key and try again.</source>
        <translation>USB Key %1 已被拔出。请插入 USB Key 后重试。</translation>
    </message>
    <message>
        <source>The operation %2 on the USB key %1 failed with error code 0x%3. Check that the key is inserted and that the vendor&apos;s SKF driver is installed, then try again or contact the system administrator.</source>
        <translation>USB Key %1 执行 %2 操作失败，错误码 0x%3。请确认 USB Key 已插好、厂商的 SKF 驱动已安装，然后重试，或联系系统管理员。</translation>
    </message>
    <message>
        <source>The USB key driver returned an invalid list of names. Reinstall the vendor&apos;s SKF driver or contact the system administrator.</source>
        <translation>USB Key 驱动返回的名称列表无效。请重新安装厂商的 SKF 驱动，或联系系统管理员。</translation>
    </message>
    <message>
        <source>The USB key cannot decrypt data with its private key through the standard SKF interface. Use a software key or a crypto card for decryption.</source>
        <translation>标准 SKF 接口不支持用 USB Key 中的私钥解密数据。请改用软件密钥或密码卡进行解密。</translation>
    </message>
    <message>
        <source>The USB key %1 returned a signature that does not match its public key. Do not use this key. Contact the system administrator to replace it.</source>
        <translation>USB Key %1 返回的签名与其公钥不符。请停止使用该 USB Key，并联系系统管理员更换。</translation>
    </message>
    <message>
        <source>none</source>
        <translation>无</translation>
    </message>
    <message>
        <source>Exactly one USB key must be inserted when no key name is configured, but the connected keys are: %1. Insert one key or set the key name in the configuration.</source>
        <translation>未配置 USB Key 名称时，只能插入一个 USB Key，当前已连接的 USB Key 为：%1。请只插入一个 USB Key，或在配置中设置 USB Key 名称。</translation>
    </message>
    <message>
        <source>The USB key %1 is not connected. Connected keys: %2. Insert the key or check the key name in the configuration.</source>
        <translation>USB Key %1 未连接。当前已连接的 USB Key：%2。请插入该 USB Key，或检查配置中的 USB Key 名称。</translation>
    </message>
    <message>
        <source>The user PIN of the USB key %1 is locked after too many wrong entries. Ask the key&apos;s administrator to unlock it with the administrator PIN.</source>
        <translation>USB Key %1 的用户 PIN 码因输错次数过多已被锁定。请联系该 USB Key 的管理员，使用管理员 PIN 码解锁。</translation>
    </message>
    <message>
        <source>The PIN for the USB key %1 is incorrect. Attempts left before the key is locked: %2. Enter the PIN again.</source>
        <translation>USB Key %1 的 PIN 码不正确。距锁定还剩 %2 次尝试机会。请重新输入 PIN 码。</translation>
    </message>
    <message>
        <source>The signing key in the USB key %1 is not an SM2 key. Use a container with an SM2 signing key or contact the system administrator.</source>
        <translation>USB Key %1 中的签名密钥不是 SM2 密钥。请使用含有 SM2 签名密钥的容器，或联系系统管理员。</translation>
    </message>
    <message>
        <source>The USB key driver library %1 does not exist. Install the USB key vendor&apos;s SKF driver, or correct the library path in the configuration.</source>
        <translation>USB Key 驱动库 %1 不存在。请安装 USB Key 厂商的 SKF 驱动，或更正配置中的驱动库路径。</translation>
    </message>
    <message>
        <source>The file %1 is not a USB key driver library that this system can load. Install the USB key vendor&apos;s SKF driver for this processor architecture, or correct the library path in the configuration.</source>
        <translation>文件 %1 不是本系统可以加载的 USB Key 驱动库。请安装 USB Key 厂商适用于本机处理器架构的 SKF 驱动，或更正配置中的驱动库路径。</translation>
    </message>
    <message>
        <source>The library %1 lacks the SKF functions %2, so it is not a complete GM/T 0016 USB key driver. Install the USB key vendor&apos;s SKF driver, or correct the library path in the configuration.</source>
        <translation>驱动库 %1 缺少 SKF 函数 %2，不是完整的 GM/T 0016 USB Key 驱动。请安装 USB Key 厂商的 SKF 驱动，或更正配置中的驱动库路径。</translation>
    </message>
    <message>
        <source>The USB key application, container and PIN must all be set. Check the USB key settings in the configuration.</source>
        <translation>USB Key 的应用名称、容器名称和 PIN 码均须填写。请检查配置中的 USB Key 设置。</translation>
    </message>
    <message>
        <source>The USB key %1 has no application %2. Applications on the key: %3. Check the application name in the configuration.</source>
        <translation>USB Key %1 中没有应用 %2。该 USB Key 中的应用：%3。请检查配置中的应用名称。</translation>
    </message>
    <message>
        <source>The USB key application %1 has no container %2. Check the container name in the configuration.</source>
        <translation>USB Key 应用 %1 中没有容器 %2。请检查配置中的容器名称。</translation>
    </message>
    <message>
        <source>The SM2 public key is malformed. This is a program error. Contact the system administrator.</source>
        <translation>SM2 公钥格式错误。这是程序错误，请联系系统管理员。</translation>
    </message>
    <message>
        <source>The SM2 signer ID is %1 bytes long, but at most 8191 bytes are allowed. Use a shorter ID.</source>
        <translation>SM2 签名者标识长度为 %1 字节，超过了 8191 字节的上限。请使用较短的标识。</translation>
    </message>
</context>
<context>
    <name>gov::crypto::Sm2Keys</name>
    <message>
        <source>The SM2 key operation of the OpenSSL crypto provider failed. Try again or contact the system administrator.</source>
        <translation>OpenSSL 密码服务处理 SM2 密钥失败。请重试，或联系系统管理员。</translation>
    </message>
    <message>
        <source>The SM2 private key is %1 bytes long, but it must be 32 bytes (64 hexadecimal digits). Check that the whole key was copied.</source>
        <translation>SM2 私钥长度为 %1 字节，应为 32 字节（64 位十六进制数）。请检查私钥是否完整复制。</translation>
    </message>
    <message>
        <source>The SM2 private key is invalid: its value must be between 1 and n-2, where n is the order of the SM2 curve. Check that the key is not damaged, or generate a new key.</source>
        <translation>SM2 私钥无效：其值须在 1 至 n-2 之间（n 为 SM2 曲线的阶）。请检查私钥是否损坏，或重新生成密钥。</translation>
    </message>
    <message>
        <source>The SM2 public key is %1 bytes long, but it must be 65 bytes (04||x||y) or 64 bytes (x||y), or the same in hexadecimal. Check that the whole key was copied.</source>
        <translation>SM2 公钥长度为 %1 字节，应为 65 字节（04||x||y）或 64 字节（x||y），或其十六进制形式。请检查公钥是否完整复制。</translation>
    </message>
    <message>
        <source>The SM2 public key is not in uncompressed form (the first byte must be 04). Export the public key in uncompressed form and try again.</source>
        <translation>SM2 公钥不是非压缩格式（首字节须为 04）。请以非压缩格式导出公钥后重试。</translation>
    </message>
    <message>
        <source>The SM2 public key is not a point on the SM2 curve. Check that the key is not damaged and that it is an SM2 key, not a key on another curve.</source>
        <translation>SM2 公钥不是 SM2 曲线上的点。请检查公钥是否损坏，并确认其为 SM2 密钥而非其他曲线的密钥。</translation>
    </message>
    <message>
        <source>The SM2 key contains characters that are not hexadecimal digits (0-9, a-f). Check that the whole key was copied without other text.</source>
        <translation>SM2 密钥中含有非十六进制字符（应为 0-9、a-f）。请检查密钥是否完整复制，且未夹带其他文字。</translation>
    </message>
    <message>
        <source>The key is not in PEM format (no &quot;-----BEGIN&quot; line was found). Provide the key as a PEM file.</source>
        <translation>密钥不是 PEM 格式（未找到“-----BEGIN”行）。请提供 PEM 格式的密钥文件。</translation>
    </message>
    <message>
        <source>The key file is %1 bytes long, which is far larger than an SM2 key. Check that the right file was chosen.</source>
        <translation>密钥文件大小为 %1 字节，远大于 SM2 密钥应有的大小。请确认所选文件是否正确。</translation>
    </message>
    <message>
        <source>The private key file is protected by a password, which is not supported here. Remove the password (for example with &quot;openssl pkcs8 -topk8 -nocrypt&quot;) and try again.</source>
        <translation>私钥文件设有口令保护，此处不支持。请先解除口令（例如使用“openssl pkcs8 -topk8 -nocrypt”）后重试。</translation>
    </message>
    <message>
        <source>The PEM block is &quot;%1&quot;, but a private key (&quot;PRIVATE KEY&quot; or &quot;EC PRIVATE KEY&quot;) is required here. Choose the private key file.</source>
        <translation>PEM 数据块类型为“%1”，此处需要私钥（“PRIVATE KEY”或“EC PRIVATE KEY”）。请选择私钥文件。</translation>
    </message>
    <message>
        <source>The PEM block is &quot;%1&quot;, but a public key (&quot;PUBLIC KEY&quot;) is required here. Export the public key and try again.</source>
        <translation>PEM 数据块类型为“%1”，此处需要公钥（“PUBLIC KEY”）。请导出公钥后重试。</translation>
    </message>
    <message>
        <source>The private key file could not be read; it may be truncated or damaged. Export the key again and try again.</source>
        <translation>无法读取私钥文件，文件可能不完整或已损坏。请重新导出密钥后重试。</translation>
    </message>
    <message>
        <source>The public key file could not be read; it may be truncated or damaged. Export the key again and try again.</source>
        <translation>无法读取公钥文件，文件可能不完整或已损坏。请重新导出密钥后重试。</translation>
    </message>
    <message>
        <source>The file contains a %1 key, but an SM2 key is required. Provide an SM2 key.</source>
        <translation>文件中为 %1 密钥，此处需要 SM2 密钥。请提供 SM2 密钥。</translation>
    </message>
    <message>
        <source>The file contains an elliptic-curve key on the curve %1, but SM2 keys use the SM2 curve (sm2p256v1). Provide an SM2 key.</source>
        <translation>文件中为 %1 曲线上的椭圆曲线密钥，而 SM2 密钥应使用 SM2 曲线（sm2p256v1）。请提供 SM2 密钥。</translation>
    </message>
    <message>
        <source>The public key stored in the private key file does not match the private key, so the file is damaged. Export the key again.</source>
        <translation>私钥文件中保存的公钥与私钥不匹配，文件已损坏。请重新导出密钥。</translation>
    </message>
</context>
<context>
    <name>gov::crypto::Sm2Signature</name>
    <message>
        <source>The SM2 signature is not a valid DER-encoded signature. Check that the whole signature was copied and that it was not changed.</source>
        <translation>SM2 签名不是有效的 DER 编码签名。请检查签名是否完整复制、是否被改动。</translation>
    </message>
    <message>
        <source>The SM2 signature is %1 bytes long, but a raw signature r||s must be 64 bytes. Check that the whole signature was copied.</source>
        <translation>SM2 签名长度为 %1 字节，而 r||s 格式的签名应为 64 字节。请检查签名是否完整复制。</translation>
    </message>
</context>
<context>
    <name>gov::crypto::TrustStore</name>
    <message>
        <source>terminal sign-in</source>
        <translation>终端登录</translation>
    </message>
    <message>
        <source>data exchange with other systems</source>
        <translation>与其他系统的数据交换</translation>
    </message>
    <message>
        <source>software update signing</source>
        <translation>软件更新签名</translation>
    </message>
    <message>
        <source>document signing</source>
        <translation>文档签名</translation>
    </message>
    <message>
        <source>The certificate could not be read. Check that it is an X.509 certificate in PEM or DER format.</source>
        <translation>无法读取该证书。请检查其是否为 PEM 或 DER 格式的 X.509 证书。</translation>
    </message>
    <message>
        <source>The certificate &quot;%1&quot; is not signed with SM2 and SM3, which the appliance requires. Ask the holder for an SM2 certificate.</source>
        <translation>证书“%1”未采用本设备要求的 SM2/SM3 算法签名。请联系证书持有方提供 SM2 证书。</translation>
    </message>
    <message>
        <source>The signature on the certificate &quot;%1&quot; does not verify against its issuing CA. The certificate may be forged or damaged: do not accept it, and report it to the security administrator.</source>
        <translation>证书“%1”的签名未能通过其签发机构的验证，该证书可能已被伪造或损坏。请勿接受该证书，并向安全管理员报告。</translation>
    </message>
    <message>
        <source>The certificate &quot;%1&quot; was issued under the root certificate &quot;%2&quot;, which is not trusted for %3. Use a certificate from the CA configured for this purpose.</source>
        <translation>证书“%1”由根证书“%2”体系签发，而该根证书未被授权用于%3。请使用为此用途配置的证书认证机构签发的证书。</translation>
    </message>
    <message>
        <source>The certificate &quot;%1&quot; was not issued by a trusted certification authority. Ask the holder for a certificate from a recognized CA, or ask the administrator to add the root certificate of &quot;%2&quot; to the trust store.</source>
        <translation>证书“%1”并非由受信任的证书认证机构签发。请联系证书持有方提供经互认的证书认证机构签发的证书，或请管理员将“%2”的根证书加入信任库。</translation>
    </message>
    <message>
        <source>The certificate chain through &quot;%1&quot; contains more intermediate CAs than its CAs allow. Ask the holder for a certificate issued along a permitted path.</source>
        <translation>经过“%1”的证书链所含中间证书认证机构数量超出了允许的路径长度。请联系证书持有方提供按允许路径签发的证书。</translation>
    </message>
    <message>
        <source>The revocation status of the certificate &quot;%1&quot; cannot be checked because the certificate revocation list (CRL) of &quot;%2&quot; is invalid or out of date. Ask the administrator to load a current CRL from that CA.</source>
        <translation>“%2”的证书吊销列表（CRL）无效或已过期，无法检查证书“%1”的吊销状态。请管理员从该证书认证机构获取并导入最新的 CRL。</translation>
    </message>
    <message>
        <source>The certificate &quot;%1&quot; may not be used for %2. Ask the holder for a certificate that was issued for this purpose.</source>
        <translation>证书“%1”不能用于%2。请联系证书持有方提供为此用途签发的证书。</translation>
    </message>
    <message>
        <source>The certificate &quot;%1&quot; cannot be a trusted root because it is not a CA certificate. Check that the file contains the root certificate of the CA.</source>
        <translation>证书“%1”不是证书认证机构证书，不能作为受信任的根证书。请检查文件中是否为该证书认证机构的根证书。</translation>
    </message>
    <message>
        <source>The certificate &quot;%1&quot; cannot be a trusted root because it does not use SM2 with SM3. Only SM2 root certificates are supported.</source>
        <translation>证书“%1”未采用 SM2/SM3 算法，不能作为受信任的根证书。本设备仅支持 SM2 根证书。</translation>
    </message>
    <message>
        <source>The certificate &quot;%1&quot; cannot be a trusted root because its self-signature does not verify with the SM2 ID. Obtain the root certificate from the CA again and compare its fingerprint.</source>
        <translation>证书“%1”的自签名未能按 SM2 用户标识通过验证，不能作为受信任的根证书。请重新从证书认证机构获取根证书并核对其指纹。</translation>
    </message>
    <message>
        <source>The folder %1 contains no files of the types %2. Check the configured folder.</source>
        <translation>文件夹 %1 中没有 %2 类型的文件。请检查所配置的文件夹。</translation>
    </message>
    <message>
        <source>The file %1 could not be read: %2. Check the path and the file permissions.</source>
        <translation>无法读取文件 %1：%2。请检查路径和文件权限。</translation>
    </message>
    <message>
        <source>%1 (file: %2)</source>
        <translation>%1（文件：%2）</translation>
    </message>
    <message>
        <source>The certificate &quot;%1&quot; contains a critical extension that the appliance does not support, so it cannot be accepted. Ask the issuing CA for a certificate without it.</source>
        <translation>证书“%1”含有本设备不支持的关键扩展项，因此无法接受。请向签发机构申请不含该扩展项的证书。</translation>
    </message>
    <message>
        <source>The certificate &quot;%1&quot; is not a CA certificate but was used to issue &quot;%2&quot;. Do not accept this chain; ask the holder for a certificate issued by a CA.</source>
        <translation>证书“%1”不是证书认证机构证书，却被用于签发“%2”。请勿接受该证书链，并联系证书持有方提供由证书认证机构签发的证书。</translation>
    </message>
    <message>
        <source>The validity period of the certificate &quot;%1&quot; could not be read. Ask the holder for a new certificate.</source>
        <translation>无法读取证书“%1”的有效期。请联系证书持有方提供新的证书。</translation>
    </message>
    <message>
        <source>The certificate &quot;%1&quot; is not valid until %2. Check the system clock of the appliance, or use the certificate from that time on.</source>
        <translation>证书“%1”自 %2 起方才生效。请检查本设备的系统时间，或在该时间之后再使用此证书。</translation>
    </message>
    <message>
        <source>The certificate &quot;%1&quot; expired on %2. Ask the holder to renew the certificate with the issuing CA.</source>
        <translation>证书“%1”已于 %2 过期。请联系证书持有方向签发机构办理证书更新。</translation>
    </message>
    <message>
        <source>The certificate &quot;%1&quot; has been revoked by its issuing CA &quot;%2&quot;. Do not accept it; the holder must apply for a new certificate.</source>
        <translation>证书“%1”已被其签发机构“%2”吊销。请勿接受该证书，持有方须重新申请证书。</translation>
    </message>
</context>
<context>
    <name>gov::db::CacheMigrator</name>
    <message>
        <source>The copy differs from the source in table %1 at the row with %2 (%3). The source was not changed. The target is left marked as incomplete, and the next run empties it and starts again.</source>
        <translation>副本与源在表 %1 中 %2 所在的行不一致（%3）。源未被改动。目标被标记为未完成，下次运行时会清空并重新复制。</translation>
    </message>
    <message>
        <source>The file %1 from an interrupted migration cannot be removed. Remove it, then repeat the command.</source>
        <translation>无法删除中断的迁移留下的文件 %1。请删除该文件后重新执行命令。</translation>
    </message>
    <message>
        <source>This build cannot migrate caches: its copy schema is out of date.</source>
        <translation>此版本无法迁移缓存：其复制用的表结构描述已过时。</translation>
    </message>
    <message>
        <source>The source and the target are the same file %1.</source>
        <translation>源和目标是同一个文件 %1。</translation>
    </message>
    <message>
        <source>The source cache has schema version %1, but this program copies version %2. Open the cache once with this release (govctl status) to upgrade it, or use the release that wrote it.</source>
        <translation>源缓存的表结构版本为 %1，而本程序复制的是版本 %2。请先用本版本打开一次缓存（govctl status）以完成升级，或使用写入该缓存的版本。</translation>
    </message>
    <message>
        <source>The database %1 holds no complete copy of a cache of schema version %2.</source>
        <translation>数据库 %1 中没有表结构版本 %2 的完整缓存副本。</translation>
    </message>
    <message>
        <source>The target file %1 exists already. Give a new file name; a migration never writes over an existing cache.</source>
        <translation>目标文件 %1 已存在。请指定新的文件名；迁移不会覆盖已有的缓存。</translation>
    </message>
    <message>
        <source>The database %1 already holds a migrated cache. Migrate into an empty database.</source>
        <translation>数据库 %1 中已有迁移过来的缓存。请迁移到空数据库。</translation>
    </message>
    <message>
        <source>The database %1 already has tables of a cache (%2) that no migration made. Migrate into an empty database.</source>
        <translation>数据库 %1 中已有非迁移产生的缓存表（%2）。请迁移到空数据库。</translation>
    </message>
    <message>
        <source>the row is not in the source</source>
        <translation>该行在源中不存在</translation>
    </message>
    <message>
        <source>its values differ</source>
        <translation>其值不一致</translation>
    </message>
    <message>
        <source>the row is missing in the copy</source>
        <translation>副本中缺少该行</translation>
    </message>
    <message>
        <source>%1 rows in the source, %2 in the copy</source>
        <translation>源中 %1 行，副本中 %2 行</translation>
    </message>
    <message>
        <source>The audit chain of the source cache is broken at record %1: %2. Nothing was copied. Run &quot;govctl audit verify&quot; on the source and resolve the break first.</source>
        <translation>源缓存的审计链在第 %1 条记录处断开：%2。未复制任何数据。请先对源运行“govctl audit verify”并处理断链。</translation>
    </message>
    <message>
        <source>The audit chain of the copy is broken at record %1 (table audit, row seq=%1): %2. The source was not changed. The target is left marked as incomplete, and the next run empties it and starts again.</source>
        <translation>副本的审计链在第 %1 条记录处断开（audit 表，seq=%1 的行）：%2。源未被改动。目标被标记为未完成，下次运行时会清空并重新复制。</translation>
    </message>
    <message>
        <source>The verified copy %1 could not be renamed to %2. Rename it by hand.</source>
        <translation>已校验的副本 %1 无法重命名为 %2。请手动重命名。</translation>
    </message>
</context>
<context>
    <name>gov::db::ConnectionUrl</name>
    <message>
        <source>The database URL is invalid: %1. Write it as sqlite:///PATH, postgresql://USER@HOST:PORT/DATABASE or odbc://USER@HOST:PORT/DATABASE?driver=NAME and give the password in a file or an environment variable, not in the URL.</source>
        <translation>数据库 URL 无效：%1。请写成 sqlite:///路径、postgresql://用户@主机:端口/数据库 或 odbc://用户@主机:端口/数据库?driver=驱动名，密码通过文件或环境变量提供，不要写在 URL 中。</translation>
    </message>
    <message>
        <source>the dialect &quot;%1&quot; is unknown (known: postgresql, kingbase, opengauss, highgo, dm8)</source>
        <translation>未知的方言“%1”（可用：postgresql、kingbase、opengauss、highgo、dm8）</translation>
    </message>
    <message>
        <source>the ODBC connection string has a part without &quot;=&quot;</source>
        <translation>ODBC 连接串中有一段缺少“=”</translation>
    </message>
    <message>
        <source>the ODBC connection string has an unclosed &quot;{&quot;</source>
        <translation>ODBC 连接串中有未闭合的“{”</translation>
    </message>
    <message>
        <source>a SQLite URL is sqlite:///ABSOLUTE/PATH</source>
        <translation>SQLite URL 的格式为 sqlite:///绝对路径</translation>
    </message>
    <message>
        <source>the URL contains a password</source>
        <translation>URL 中包含密码</translation>
    </message>
    <message>
        <source>a server URL needs a user, a host and a database</source>
        <translation>服务器 URL 需要用户、主机和数据库</translation>
    </message>
    <message>
        <source>the ODBC connection string contains a password</source>
        <translation>ODBC 连接串中包含密码</translation>
    </message>
    <message>
        <source>the ODBC connection string names no Driver</source>
        <translation>ODBC 连接串未指定 Driver</translation>
    </message>
    <message>
        <source>the SQL dialect of the ODBC driver &quot;%1&quot; is unknown; add GovDialect=dm8 or GovDialect=postgresql</source>
        <translation>ODBC 驱动“%1”的 SQL 方言未知；请添加 GovDialect=dm8 或 GovDialect=postgresql</translation>
    </message>
    <message>
        <source>an ODBC URL needs a user, a host, a database and ?driver=NAME</source>
        <translation>ODBC URL 需要用户、主机、数据库和 ?driver=驱动名</translation>
    </message>
    <message>
        <source>the SQL dialect of the ODBC driver &quot;%1&quot; is unknown; add &amp;dialect=dm8 or &amp;dialect=postgresql</source>
        <translation>ODBC 驱动“%1”的 SQL 方言未知；请添加 &amp;dialect=dm8 或 &amp;dialect=postgresql</translation>
    </message>
    <message>
        <source>the URL is empty</source>
        <translation>URL 为空</translation>
    </message>
    <message>
        <source>the URL cannot be parsed</source>
        <translation>无法解析 URL</translation>
    </message>
    <message>
        <source>the scheme &quot;%1&quot; is unknown</source>
        <translation>未知的协议“%1”</translation>
    </message>
    <message>
        <source>The database password file %1 cannot be read (%2).</source>
        <translation>无法读取数据库密码文件 %1（%2）。</translation>
    </message>
</context>
<context>
    <name>gov::db::QtSqlDatabase</name>
    <message>
        <source>The Qt SQL driver %1 is not installed (Debian: libqt6sql6-psql for PostgreSQL, libqt6sql6-odbc and unixodbc for ODBC).</source>
        <translation>未安装 Qt SQL 驱动 %1（Debian：PostgreSQL 需要 libqt6sql6-psql，ODBC 需要 libqt6sql6-odbc 和 unixodbc）。</translation>
    </message>
    <message>
        <source>The database %1 cannot be reached: %2. Check that the server is running and that the URL, the user and the password are right.</source>
        <translation>无法连接数据库 %1：%2。请检查服务器是否在运行，以及 URL、用户和密码是否正确。</translation>
    </message>
    <message>
        <source>A row with the same key already exists in the database %1.</source>
        <translation>数据库 %1 中已存在相同键的行。</translation>
    </message>
    <message>
        <source>The connection to the database %1 was lost. Check that the server is running, then repeat the command.</source>
        <translation>与数据库 %1 的连接已断开。请检查服务器是否在运行，然后重新执行命令。</translation>
    </message>
    <message>
        <source>The database %1 rejected the statement: %2</source>
        <translation>数据库 %1 拒绝了该语句：%2</translation>
    </message>
</context>
<context>
    <name>gov::db::TransactionRunner</name>
    <message>
        <source>The connection to the database %1 broke while a change was being saved, so it may or may not have been saved. Check the data before you repeat the change.</source>
        <translation>保存修改时与数据库 %1 的连接中断，修改可能已保存也可能未保存。请先核对数据，再决定是否重做。</translation>
    </message>
</context>
<context>
    <name>gov::exchange::ProtocolError</name>
    <message>
        <source>The exchange message is malformed. Update the software on both sides.</source>
        <translation>交换报文格式错误。请升级双方的软件。</translation>
    </message>
    <message>
        <source>The exchange message is too large for the hub. Send fewer items per batch.</source>
        <translation>交换报文超过交换节点的大小上限。请减少每批的条目数。</translation>
    </message>
    <message>
        <source>The hub does not support this protocol version. Update the software on both sides.</source>
        <translation>交换节点不支持该协议版本。请升级双方的软件。</translation>
    </message>
    <message>
        <source>The exchange message was sent to the wrong address. Check the hub URL.</source>
        <translation>交换报文发送到了错误的地址。请检查交换节点 URL。</translation>
    </message>
    <message>
        <source>The hub does not know the position to continue from. Start the download again from the beginning.</source>
        <translation>交换节点无法识别续传位置。请从头重新下载。</translation>
    </message>
    <message>
        <source>The signature of the exchange message is invalid. The message was changed or signed with the wrong key.</source>
        <translation>交换报文的签名无效：报文被改动过，或使用了错误的密钥签名。</translation>
    </message>
    <message>
        <source>The signer&apos;s certificate is not issued by a trusted authority. Install the authority&apos;s root certificate.</source>
        <translation>签名者的证书不是由受信任的机构签发的。请安装该机构的根证书。</translation>
    </message>
    <message>
        <source>The signer&apos;s certificate has expired. Renew the certificate.</source>
        <translation>签名者的证书已过期。请更新证书。</translation>
    </message>
    <message>
        <source>The signer&apos;s certificate is not valid yet. Check the system clock.</source>
        <translation>签名者的证书尚未生效。请检查系统时钟。</translation>
    </message>
    <message>
        <source>The signer&apos;s certificate has been revoked. Request a new certificate.</source>
        <translation>签名者的证书已被吊销。请申请新证书。</translation>
    </message>
    <message>
        <source>The signer&apos;s certificate cannot be used for data exchange. Request a certificate for data exchange.</source>
        <translation>签名者的证书不能用于数据交换。请申请数据交换用证书。</translation>
    </message>
    <message>
        <source>The message is signed with a certificate that is not registered for this terminal.</source>
        <translation>报文所用的签名证书未登记在本终端名下。</translation>
    </message>
    <message>
        <source>This terminal is not registered at the hub. Ask the hub administrator to register it.</source>
        <translation>本终端未在交换节点登记。请联系交换节点管理员登记。</translation>
    </message>
    <message>
        <source>This terminal may not send data for the office named in the message.</source>
        <translation>本终端无权发送报文中所列单位的数据。</translation>
    </message>
    <message>
        <source>The connection certificate does not belong to this terminal. Check the terminal&apos;s certificates.</source>
        <translation>连接证书不属于本终端。请检查本终端的证书。</translation>
    </message>
    <message>
        <source>The hub already received a different message with the same identifier.</source>
        <translation>交换节点已收到另一份标识相同的报文。</translation>
    </message>
    <message>
        <source>The hub already received a newer batch from this terminal.</source>
        <translation>交换节点已收到本终端更新的批次。</translation>
    </message>
    <message>
        <source>The system clock differs too much from the hub&apos;s clock. Set the correct time.</source>
        <translation>系统时钟与交换节点的时钟相差过大。请校准时间。</translation>
    </message>
    <message>
        <source>The hub&apos;s answer does not match the request.</source>
        <translation>交换节点的应答与请求不符。</translation>
    </message>
    <message>
        <source>The hub does not offer this service. Check the hub URL.</source>
        <translation>交换节点不提供该服务。请检查交换节点 URL。</translation>
    </message>
    <message>
        <source>The hub failed to process the message. The terminal will try again later.</source>
        <translation>交换节点处理报文失败。终端稍后将重试。</translation>
    </message>
    <message>
        <source>The hub rejected this terminal&apos;s transport certificate: it is missing, expired, revoked or not issued by the hub&apos;s transport CA. Renew or reinstall the certificate.</source>
        <translation>交换节点拒绝了本终端的传输证书：证书缺失、已过期、已吊销，或不是由该节点的传输 CA 签发。请更新或重新安装证书。</translation>
    </message>
    <message>
        <source>The upper hub does not accept batches of this terminal from this relay hub. Ask its administrator to add the terminal to the relay&apos;s entry.</source>
        <translation>上级交换节点不接受经由本中继节点转发的该终端批次。请联系其管理员将该终端加入本中继的配置条目。</translation>
    </message>
</context>
<context>
    <name>gov::hub::HubConfig</name>
    <message>
        <source>Cannot open the hub configuration file %1. Check the path.</source>
        <translation>无法打开交换节点配置文件 %1。请检查路径。</translation>
    </message>
    <message>
        <source>The hub configuration file %1 is not valid JSON: %2.</source>
        <translation>交换节点配置文件 %1 不是有效的 JSON：%2。</translation>
    </message>
    <message>
        <source>The hub configuration file %1 is invalid: %2.</source>
        <translation>交换节点配置文件 %1 无效：%2。</translation>
    </message>
</context>
<context>
    <name>gov::hub::HubService</name>
    <message>
        <source>Cannot open the file %1. Check the hub configuration.</source>
        <translation>无法打开文件 %1。请检查交换节点配置。</translation>
    </message>
    <message>
        <source>The hub&apos;s signing key does not match its certificate %1.</source>
        <translation>交换节点的签名密钥与其证书 %1 不匹配。</translation>
    </message>
</context>
<context>
    <name>gov::hub::HubStoreFactory</name>
    <message>
        <source>The setting hub.database is invalid. %1 The hub reads the password from %2 or from the file that hub.databasePasswordFile names.</source>
        <translation>设置项 hub.database 无效。%1 交换节点从 %2 或 hub.databasePasswordFile 指定的文件中读取密码。</translation>
    </message>
    <message>
        <source>The hub cannot open its database %1. %2</source>
        <translation>交换节点无法打开其数据库 %1。%2</translation>
    </message>
</context>
<context>
    <name>gov::hub::PublishCommand</name>
    <message>
        <source>Unknown change kind &quot;%1&quot;. Use catalog, calendar or case.status.</source>
        <translation>未知的变更类型“%1”。请使用 catalog、calendar 或 case.status。</translation>
    </message>
    <message>
        <source>The key &quot;%1&quot; is invalid: use 1 to 64 characters without spaces.</source>
        <translation>键“%1”无效：请使用 1 到 64 个不含空格的字符。</translation>
    </message>
    <message>
        <source>The version must be a whole number of at least 1.</source>
        <translation>版本号必须是不小于 1 的整数。</translation>
    </message>
    <message>
        <source>The office id &quot;%1&quot; is invalid.</source>
        <translation>单位编号“%1”无效。</translation>
    </message>
    <message>
        <source>Cannot open the payload file %1.</source>
        <translation>无法打开数据文件 %1。</translation>
    </message>
    <message>
        <source>The payload file %1 must hold one JSON object.</source>
        <translation>数据文件 %1 必须包含一个 JSON 对象。</translation>
    </message>
    <message>
        <source>The payload file %1 holds a number with a fraction or out of range; write it as a string.</source>
        <translation>数据文件 %1 中有带小数或超出范围的数字，请把它写成字符串。</translation>
    </message>
</context>
<context>
    <name>gov::hub::RelayRegistry</name>
    <message>
        <source>Cannot open the certificate file %1. Check the hub configuration.</source>
        <translation>无法打开证书文件 %1。请检查交换节点的配置。</translation>
    </message>
</context>
<context>
    <name>gov::hub::SqlHubStore</name>
    <message>
        <source>Version %1 of %2 is not newer than the published version %3.</source>
        <translation>%2 的版本 %1 不比已发布的版本 %3 新。</translation>
    </message>
    <message>
        <source>Case %1 is unknown at this hub. Name the office the status change is for.</source>
        <translation>本交换节点没有办件 %1。请指明该状态变更所属的单位。</translation>
    </message>
    <message>
        <source>The hub database was created by a newer govhub (schema %1). Update this hub.</source>
        <translation>交换节点的数据库由更新版本的 govhub 创建（结构版本 %1）。请升级本交换节点。</translation>
    </message>
</context>
<context>
    <name>gov::hub::TerminalRegistry</name>
    <message>
        <source>Cannot open the certificate file %1. Check the hub configuration.</source>
        <translation>无法打开证书文件 %1。请检查交换节点配置。</translation>
    </message>
</context>
<context>
    <name>gov::sandbox::Sandbox</name>
    <message>
        <source>The process sandbox could not be set up (%1). Restart the appliance; if it fails again, contact the maintainer.</source>
        <translation>进程安全隔离环境未能建立（%1）。请重新启动一体机；如仍无法建立，请联系运维人员。</translation>
    </message>
    <message>
        <source>The sandbox role &quot;%1&quot; is unknown. Set %2 to ui, sync or cli.</source>
        <translation>隔离角色“%1”无法识别。请将 %2 设置为 ui、sync 或 cli。</translation>
    </message>
    <message>
        <source>The process sandbox could not be set up (signal handler: %1). Restart the appliance; if it fails again, contact the maintainer.</source>
        <translation>进程安全隔离环境未能建立（信号处理程序：%1）。请重新启动一体机；如仍无法建立，请联系运维人员。</translation>
    </message>
    <message>
        <source>The supervisor expects the sandbox role &quot;%1&quot;, but this program runs in role &quot;%2&quot;. Fix the role in the supervisor&apos;s command line.</source>
        <translation>监护进程要求沙箱角色“%1”，但本程序运行在角色“%2”下。请改正监护进程命令行中的角色。</translation>
    </message>
    <message>
        <source>%1=&quot;%2&quot; is not a sandbox mode. Use auto, required or off.</source>
        <translation>%1=&quot;%2&quot; 不是有效的沙箱模式。请使用 auto、required 或 off。</translation>
    </message>
    <message>
        <source>The process sandbox is required (%1=required), but this system cannot load seccomp filters. Run the appliance on a kernel with seccomp, or unset %1 to run without it.</source>
        <translation>已要求启用进程沙箱（%1=required），但本系统无法加载 seccomp 过滤器。请在支持 seccomp 的内核上运行本设备，或取消设置 %1 以在无沙箱的情况下运行。</translation>
    </message>
</context>
<context>
    <name>gov::sandbox::Supervisor</name>
    <message>
        <source>The sandbox supervisor could not open its report channel (%1). Restart the appliance.</source>
        <translation>隔离进程监管程序未能打开违规报告通道（%1）。请重新启动一体机。</translation>
    </message>
</context>
<context>
    <name>gov::update::DebianVersion</name>
    <message>
        <source>&quot;%1&quot; is not a valid Debian package version (%2). Use the form [epoch:]upstream[-revision], for example 1:2.3.4-1.</source>
        <translation>“%1”不是有效的 Debian 软件包版本（%2）。请使用 [epoch:]upstream[-revision] 格式，例如 1:2.3.4-1。</translation>
    </message>
</context>
<context>
    <name>gov::update::DpkgLauncher</name>
    <message>
        <source>dpkg could not be prepared (%1).</source>
        <translation>无法准备 dpkg（%1）。</translation>
    </message>
    <message>
        <source>dpkg could not be started: the launcher was already used.</source>
        <translation>无法启动 dpkg：启动器已被使用过。</translation>
    </message>
    <message>
        <source>dpkg could not be started: its launcher process ended early.</source>
        <translation>无法启动 dpkg：启动器进程提前结束。</translation>
    </message>
    <message>
        <source>dpkg was stopped by signal %1. Run &quot;dpkg --audit&quot; to check the package database.</source>
        <translation>dpkg 被信号 %1 终止。请运行“dpkg --audit”检查软件包数据库。</translation>
    </message>
    <message>
        <source>dpkg could not be executed. Check that dpkg is installed.</source>
        <translation>无法执行 dpkg。请检查 dpkg 是否已安装。</translation>
    </message>
</context>
<context>
    <name>gov::update::TarReader</name>
    <message>
        <source>at byte %1</source>
        <translation>位于第 %1 字节</translation>
    </message>
    <message>
        <source>in member &quot;%1&quot;</source>
        <translation>位于成员“%1”</translation>
    </message>
    <message>
        <source>The archive could not be read (%1).</source>
        <translation>无法读取归档（%1）。</translation>
    </message>
    <message>
        <source>the archive is truncated %1; copy the bundle again</source>
        <translation>归档被截断（%1）；请重新复制更新包</translation>
    </message>
    <message>
        <source>a header checksum does not match %1; the archive is damaged</source>
        <translation>头部校验和不匹配（%1）；归档已损坏</translation>
    </message>
    <message>
        <source>the header %1 is not a POSIX ustar header; build the archive with tar --format=ustar</source>
        <translation>头部（%1）不是 POSIX ustar 头部；请用 tar --format=ustar 生成归档</translation>
    </message>
    <message>
        <source>a numeric header field %1 is not an octal number</source>
        <translation>头部数字字段（%1）不是八进制数</translation>
    </message>
    <message>
        <source>the archive contains a %1 %2, but only regular files are allowed</source>
        <translation>归档包含 %1（%2），但只允许普通文件</translation>
    </message>
    <message>
        <source>the member name &quot;%1&quot; is an absolute path</source>
        <translation>成员名“%1”是绝对路径</translation>
    </message>
    <message>
        <source>the member name &quot;%1&quot; contains &quot;..&quot; (path traversal)</source>
        <translation>成员名“%1”包含“..”（路径穿越）</translation>
    </message>
    <message>
        <source>the member name &quot;%1&quot; has a folder part, but members must be plain file names</source>
        <translation>成员名“%1”含有目录部分，而成员只能是单纯的文件名</translation>
    </message>
    <message>
        <source>the member name &quot;%1&quot; is empty, too long or contains characters other than letters, digits and . _ + ~ -</source>
        <translation>成员名“%1”为空、过长，或含有字母、数字和 . _ + ~ - 以外的字符</translation>
    </message>
    <message>
        <source>the member name &quot;%1&quot; occurs twice</source>
        <translation>成员名“%1”出现了两次</translation>
    </message>
    <message>
        <source>the member &quot;%1&quot; is larger than the limit (%2)</source>
        <translation>成员“%1”超过大小上限（%2）</translation>
    </message>
    <message>
        <source>the archive has more members than the limit (%1)</source>
        <translation>归档的成员数超过上限（%1）</translation>
    </message>
    <message>
        <source>the archive has data after its end-of-archive marker %1</source>
        <translation>归档在结束标记之后还有数据（%1）</translation>
    </message>
    <message>
        <source>The archive is invalid: %1.</source>
        <translation>归档无效：%1。</translation>
    </message>
    <message>
        <source>The archive member &quot;%1&quot; could not be read (%2).</source>
        <translation>无法读取归档成员“%1”（%2）。</translation>
    </message>
    <message>
        <source>The archive member &quot;%1&quot; could not be read completely; the file may have been changed or truncated while it was read.</source>
        <translation>无法完整读取归档成员“%1”；文件可能在读取期间被修改或截断。</translation>
    </message>
</context>
<context>
    <name>gov::update::TarWriter</name>
    <message>
        <source>The file name &quot;%1&quot; cannot go into an update bundle. Use a plain file name of letters, digits and . _ + ~ - that starts with a letter or digit.</source>
        <translation>文件名“%1”不能放入更新包。请使用以字母或数字开头、只含字母、数字和 . _ + ~ - 的文件名。</translation>
    </message>
    <message>
        <source>Writing the archive failed (%1). Check the free space and the permissions of the output folder.</source>
        <translation>写入归档失败（%1）。请检查剩余空间和输出目录的权限。</translation>
    </message>
</context>
<context>
    <name>gov::update::UpdateBundle</name>
    <message>
        <source>The update bundle %1 does not exist. Check the path.</source>
        <translation>更新包 %1 不存在。请检查路径。</translation>
    </message>
    <message>
        <source>The update bundle %1 is not a regular file. Give the path of the bundle file.</source>
        <translation>更新包 %1 不是普通文件。请给出更新包文件的路径。</translation>
    </message>
    <message>
        <source>The update bundle %1 could not be opened (%2). Check its permissions.</source>
        <translation>无法打开更新包 %1（%2）。请检查其权限。</translation>
    </message>
    <message>
        <source>The bundle has no %1. A bundle contains manifest.json, manifest.sig, signer.pem and the packages; rebuild it with &quot;govctl update sign&quot;.</source>
        <translation>更新包中没有 %1。更新包应包含 manifest.json、manifest.sig、signer.pem 和软件包；请用“govctl update sign”重新生成。</translation>
    </message>
    <message>
        <source>The bundle&apos;s signer.pem contains no readable certificate (%1).</source>
        <translation>更新包的 signer.pem 中没有可读取的证书（%1）。</translation>
    </message>
    <message>
        <source>The bundle&apos;s signer %1 is not trusted for update signing: %2</source>
        <translation>更新包的签名者 %1 不被信任用于更新签名：%2</translation>
    </message>
    <message>
        <source>The bundle&apos;s signature does not match its manifest. The bundle was changed after signing or is damaged; do not install it.</source>
        <translation>更新包的签名与其清单不符。更新包在签名后被改动或已损坏，请勿安装。</translation>
    </message>
    <message>
        <source>The bundle is for the product &quot;%1&quot;, not for %2.</source>
        <translation>该更新包属于产品“%1”，不属于 %2。</translation>
    </message>
    <message>
        <source>The bundle is for the architecture %1, but this appliance runs %2. Use the bundle built for %2.</source>
        <translation>该更新包适用于 %1 架构，而本机为 %2。请使用为 %2 构建的更新包。</translation>
    </message>
    <message>
        <source>The bundle expired at %1 (UTC). Ask the provincial release office for a current bundle.</source>
        <translation>该更新包已于 %1（UTC）失效。请向省级发布部门索取当前的更新包。</translation>
    </message>
    <message>
        <source>The bundle&apos;s version %1 is older than the installed version %2. Installing it would roll the appliance back, so it is rejected.</source>
        <translation>更新包版本 %1 低于已安装的版本 %2。安装它会使一体机回退，因此被拒绝。</translation>
    </message>
    <message>
        <source>Version %1 is already installed.</source>
        <translation>版本 %1 已安装。</translation>
    </message>
    <message>
        <source>The package %1, which the signed manifest lists, is missing from the bundle.</source>
        <translation>签名清单列出的软件包 %1 不在更新包中。</translation>
    </message>
    <message>
        <source>The bundle contains the file %1, which the signed manifest does not list.</source>
        <translation>更新包含有签名清单未列出的文件 %1。</translation>
    </message>
    <message>
        <source>The package %1 does not match the signed manifest (its size or SM3 digest differs). The bundle was changed after signing; do not install it.</source>
        <translation>软件包 %1 与签名清单不符（大小或 SM3 摘要不同）。更新包在签名后被改动，请勿安装。</translation>
    </message>
    <message>
        <source>The bundle must be verified before it is staged.</source>
        <translation>更新包必须先校验，才能放入暂存目录。</translation>
    </message>
    <message>
        <source>The package %1 changed in the bundle file after it was verified. Nothing was installed; make sure nothing else writes to the bundle and try again.</source>
        <translation>软件包 %1 在校验之后于更新包文件中发生了变化。未安装任何内容；请确认没有其他程序写入该更新包后重试。</translation>
    </message>
    <message>
        <source>The package could not be copied to the staging folder %1 (%2). Check the free space.</source>
        <translation>无法将软件包复制到暂存目录 %1（%2）。请检查剩余空间。</translation>
    </message>
    <message>
        <source>The staged copy of %1 differs from the verified package, so something changed the staging folder. Nothing was installed; check who can write to %2.</source>
        <translation>%1 的暂存副本与已校验的软件包不同，说明暂存目录被改动过。未安装任何内容；请检查谁能写入 %2。</translation>
    </message>
    <message>
        <source>The bundle has no member %1.</source>
        <translation>更新包中没有成员 %1。</translation>
    </message>
    <message>
        <source>The bundle member %1 is larger than the limit of %2 bytes.</source>
        <translation>更新包成员 %1 超过 %2 字节的上限。</translation>
    </message>
</context>
<context>
    <name>gov::update::UpdateManifest</name>
    <message>
        <source>The bundle&apos;s manifest.json is invalid: %1. Rebuild the bundle with &quot;govctl update sign&quot;.</source>
        <translation>更新包的 manifest.json 无效：%1。请用“govctl update sign”重新生成更新包。</translation>
    </message>
</context>
<context>
    <name>gov::update::UpdateState</name>
    <message>
        <source>The staging folder %1 cannot be used: %2. It must be a folder owned by the user that runs govctl, with mode 0700.</source>
        <translation>暂存目录 %1 无法使用：%2。它必须属于运行 govctl 的用户，权限为 0700。</translation>
    </message>
    <message>
        <source>There is no dpkg database (a status file) in %1. Check --root or --admindir.</source>
        <translation>%1 中没有 dpkg 数据库（status 文件）。请检查 --root 或 --admindir。</translation>
    </message>
    <message>
        <source>dpkg-query could not report the installed version (%1).</source>
        <translation>dpkg-query 无法给出已安装的版本（%1）。</translation>
    </message>
    <message>
        <source>dpkg-query could not report the installed version: %1</source>
        <translation>dpkg-query 无法给出已安装的版本：%1</translation>
    </message>
    <message>
        <source>The recorded installed version in %1 could not be read.</source>
        <translation>无法读取 %1 中记录的已安装版本。</translation>
    </message>
    <message>
        <source>The installed version could not be recorded in %1 (%2).</source>
        <translation>无法将已安装的版本记录到 %1（%2）。</translation>
    </message>
</context>
<context>
    <name>govhub</name>
    <message>
        <source>Cannot write the ready file %1.</source>
        <translation>无法写入就绪文件 %1。</translation>
    </message>
    <message>
        <source>Exchange hub: receives signed batches from terminals and serves upstream changes.</source>
        <translation>交换节点：接收终端发来的签名批次，并提供上级变更。</translation>
    </message>
    <message>
        <source>serve, publish or conflicts</source>
        <translation>serve、publish 或 conflicts</translation>
    </message>
    <message>
        <source>The hub configuration file (JSON).</source>
        <translation>交换节点配置文件（JSON）。</translation>
    </message>
    <message>
        <source>file</source>
        <translation>文件</translation>
    </message>
    <message>
        <source>serve: write the listening port to this file once ready.</source>
        <translation>serve：就绪后把监听端口写入该文件。</translation>
    </message>
    <message>
        <source>Usage: govhub serve|publish|conflicts --config FILE [options]</source>
        <translation>用法：govhub serve|publish|conflicts --config 文件 [选项]</translation>
    </message>
    <message>
        <source>Unknown command %1. Use serve, publish or conflicts.</source>
        <translation>未知命令 %1。请使用 serve、publish 或 conflicts。</translation>
    </message>
</context>
<context>
    <name>govsupervisor</name>
    <message>
        <source>--%1 expects a whole number &gt;= %2, not &quot;%3&quot;</source>
        <translation>--%1 需要大于等于 %2 的整数，而不是“%3”</translation>
    </message>
    <message>
        <source>Runs a sandboxed appliance program, records its sandbox violations as security events and restarts it with back-off.</source>
        <translation>运行一个受沙箱限制的设备程序，把它的沙箱违规记为安全事件，并按退避间隔重启它。</translation>
    </message>
    <message>
        <source>Sandbox role of the program: ui, sync or cli.</source>
        <translation>程序的沙箱角色：ui、sync 或 cli。</translation>
    </message>
    <message>
        <source>Cache folder that receives the security events (default: $GOV_CACHE_DIR).</source>
        <translation>接收安全事件的缓存文件夹（默认：$GOV_CACHE_DIR）。</translation>
    </message>
    <message>
        <source>Name of the program in logs and events (default: its file name).</source>
        <translation>程序在日志和事件中的名称（默认：其文件名）。</translation>
    </message>
    <message>
        <source>Delay before the first restart, in milliseconds (default 1000).</source>
        <translation>首次重启前的等待时间，单位毫秒（默认 1000）。</translation>
    </message>
    <message>
        <source>Longest delay between restarts, in milliseconds (default 60000).</source>
        <translation>两次重启之间的最长等待时间，单位毫秒（默认 60000）。</translation>
    </message>
    <message>
        <source>A run at least this long, in milliseconds, resets the failure count (default 30000).</source>
        <translation>运行时间达到该值（毫秒）即把失败计数清零（默认 30000）。</translation>
    </message>
    <message>
        <source>Give up after this many short runs in a row (default 5).</source>
        <translation>连续这么多次短时运行后不再重启（默认 5）。</translation>
    </message>
    <message>
        <source>--role takes ui, sync or cli, not &quot;%1&quot;</source>
        <translation>--role 的取值为 ui、sync 或 cli，而不是“%1”</translation>
    </message>
    <message>
        <source>the program to run is missing; give it after &quot;--&quot;</source>
        <translation>缺少要运行的程序，请在“--”之后给出</translation>
    </message>
    <message>
        <source>the cache folder is missing; give --cache DIR or set GOV_CACHE_DIR</source>
        <translation>缺少缓存文件夹，请用 --cache 目录 指定或设置 GOV_CACHE_DIR</translation>
    </message>
    <message>
        <source>govsupervisor: %1 failed %2 times in a row and is not restarted. Check the security events (govctl audit export --only security).</source>
        <translation>govsupervisor：%1 连续失败 %2 次，不再重启。请检查安全事件（govctl audit export --only security）。</translation>
    </message>
</context>
<context>
    <name>govsyncd</name>
    <message>
        <source>Cannot read the terminal&apos;s SM2 certificate file %1. Check &quot;terminal.certificates&quot; in the govsyncd configuration.</source>
        <translation>无法读取本终端的 SM2 证书文件 %1。请检查 govsyncd 配置中的“terminal.certificates”。</translation>
    </message>
    <message>
        <source>Another govsyncd is already running on the cache %1 (lock file %2). Stop it first; only one may sync a cache.</source>
        <translation>缓存 %1 上已有一个 govsyncd 在运行（锁文件 %2）。请先停止它：同一缓存只能由一个进程同步。</translation>
    </message>
    <message>
        <source>Sync daemon: pushes the cache&apos;s outbox to the hub and pulls upstream changes.</source>
        <translation>同步守护进程：把缓存发件箱中的数据推送到交换节点，并拉取上级的变更。</translation>
    </message>
    <message>
        <source>The govsyncd configuration file (JSON).</source>
        <translation>govsyncd 配置文件（JSON）。</translation>
    </message>
    <message>
        <source>file</source>
        <translation>文件</translation>
    </message>
    <message>
        <source>The cache folder (default: &quot;cache&quot; of the configuration, else $GOV_CACHE_DIR).</source>
        <translation>缓存文件夹（默认：配置中的“cache”，否则为 $GOV_CACHE_DIR）。</translation>
    </message>
    <message>
        <source>folder</source>
        <translation>文件夹</translation>
    </message>
    <message>
        <source>Run one round and exit: 0 success, 1 hub unreachable, 3 rejected by the hub, 4 cache or key failure.</source>
        <translation>同步一轮后退出：0 成功，1 无法连接交换节点，3 被交换节点拒绝，4 缓存或密钥故障。</translation>
    </message>
    <message>
        <source>Usage: govsyncd --config FILE [--cache DIR] [--once]</source>
        <translation>用法：govsyncd --config 文件 [--cache 目录] [--once]</translation>
    </message>
    <message>
        <source>No cache folder: set &quot;cache&quot; in the configuration, --cache or GOV_CACHE_DIR.</source>
        <translation>未指定缓存文件夹：请在配置中设置“cache”，或使用 --cache 或 GOV_CACHE_DIR。</translation>
    </message>
</context>
</TS>
