#pragma once

#include "Dialect.h"

#include <QList>
#include <QString>
#include <QStringList>

namespace gov::db {

struct CacheColumn {
    QString name;
    ColumnType type = ColumnType::Text;
    bool notNull = false;
    QString defaultValue; // an SQL literal, or empty
    QString references;   // "table(column)", or empty
};

struct CacheIndex {
    QString name;
    QStringList columns;
};

struct CacheTable {
    QString name;
    QList<CacheColumn> columns;
    QStringList primaryKey;
    // The single-column primary key numbers new rows itself (SQLite's
    // INTEGER PRIMARY KEY).
    bool autoId = false;
    QList<QStringList> uniques;
    QList<CacheIndex> indexes;

    QStringList columnNames() const;
    bool isKeyed(const QString &column) const;
};

// The tables of the appliance cache at the schema version that
// Migrations::latestVersion() names, described apart from SQL so that a
// copy on another database can be created through its dialect. The
// tables are listed parents first, so they can be filled in this order
// and emptied in the reverse order. tst_cachemigrator compares this list
// with the tables Migrations creates in SQLite, so the two cannot drift
// apart unnoticed.
class CacheSchema {
public:
    static int version();
    static const QList<CacheTable> &tables();

    // CREATE TABLE and CREATE INDEX statements for `dialect`.
    static QStringList createStatements(const CacheTable &table, const Dialect &dialect);
};

} // namespace gov::db
