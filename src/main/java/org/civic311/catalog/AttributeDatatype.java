package org.civic311.catalog;

/** The kinds of answer a service type's question takes, exactly the six of Open311. */
public enum AttributeDatatype {
    STRING,
    NUMBER,
    DATETIME,
    TEXT,
    SINGLEVALUELIST,
    MULTIVALUELIST;

    public boolean isList() {
        return this == SINGLEVALUELIST || this == MULTIVALUELIST;
    }
}
