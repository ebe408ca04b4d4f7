package render

// The words each language family highlights: keywords, literals, and
// types or builtins. Switches compile to fast lookups and keep the
// package free of mutable tables.

func wordsGo(w string) class {
	switch w {
	case "break", "case", "chan", "const", "continue", "default", "defer", "else", "fallthrough", "for", "func", "go", "goto", "if", "import", "interface", "map", "package", "range", "return", "select", "struct", "switch", "type", "var":
		return clsKeyword
	case "true", "false", "nil", "iota":
		return clsLiteral
	case "bool", "byte", "complex64", "complex128", "error", "float32", "float64", "int", "int8", "int16", "int32", "int64", "rune", "string", "uint", "uint8", "uint16", "uint32", "uint64", "uintptr", "any", "comparable", "append", "cap", "clear", "close", "copy", "delete", "len", "make", "max", "min", "new", "panic", "print", "println", "recover":
		return clsType
	}
	return clsText
}

func wordsJava(w string) class {
	switch w {
	case "abstract", "assert", "break", "case", "catch", "class", "const", "continue", "default", "do", "else", "enum", "extends", "final", "finally", "for", "goto", "if", "implements", "import", "instanceof", "interface", "native", "new", "package", "private", "protected", "public", "return", "static", "strictfp", "super", "switch", "synchronized", "this", "throw", "throws", "transient", "try", "volatile", "while", "var", "val", "fun", "object", "when", "is", "in", "as", "def", "trait", "sealed", "override", "open", "data", "companion", "lateinit", "lazy", "yield", "match", "with", "type", "typealias", "suspend", "internal", "inline", "reified", "out":
		return clsKeyword
	case "true", "false", "null":
		return clsLiteral
	case "boolean", "byte", "char", "double", "float", "int", "long", "short", "void", "Unit", "Int", "Long", "Double", "Float", "Boolean", "String", "Any", "Nothing":
		return clsType
	}
	return clsText
}

func wordsC(w string) class {
	switch w {
	case "auto", "break", "case", "catch", "class", "const", "constexpr", "continue", "default", "delete", "do", "else", "enum", "explicit", "extern", "for", "friend", "goto", "if", "inline", "mutable", "namespace", "new", "noexcept", "operator", "private", "protected", "public", "register", "return", "sizeof", "static", "static_cast", "struct", "switch", "template", "this", "throw", "try", "typedef", "typename", "union", "using", "virtual", "volatile", "while", "#include", "#define", "#ifdef", "#ifndef", "#endif", "#if", "#else", "#pragma":
		return clsKeyword
	case "true", "false", "NULL", "nullptr":
		return clsLiteral
	case "bool", "char", "double", "float", "int", "long", "short", "signed", "unsigned", "void", "size_t", "int8_t", "int16_t", "int32_t", "int64_t", "uint8_t", "uint16_t", "uint32_t", "uint64_t", "std", "string", "vector", "map":
		return clsType
	}
	return clsText
}

func wordsCsharp(w string) class {
	switch w {
	case "abstract", "as", "async", "await", "base", "break", "case", "catch", "checked", "class", "const", "continue", "default", "delegate", "do", "else", "enum", "event", "explicit", "extern", "finally", "fixed", "for", "foreach", "get", "goto", "if", "implicit", "in", "interface", "internal", "is", "lock", "namespace", "new", "operator", "out", "override", "params", "private", "protected", "public", "readonly", "ref", "return", "sealed", "set", "sizeof", "static", "struct", "switch", "this", "throw", "try", "typeof", "unchecked", "unsafe", "using", "var", "virtual", "void", "volatile", "when", "where", "while", "yield":
		return clsKeyword
	case "true", "false", "null":
		return clsLiteral
	case "bool", "byte", "char", "decimal", "double", "float", "int", "long", "object", "sbyte", "short", "string", "uint", "ulong", "ushort", "dynamic":
		return clsType
	}
	return clsText
}

func wordsJavascript(w string) class {
	switch w {
	case "async", "await", "break", "case", "catch", "class", "const", "continue", "debugger", "default", "delete", "do", "else", "enum", "export", "extends", "finally", "for", "from", "function", "get", "if", "implements", "import", "in", "instanceof", "interface", "let", "new", "of", "package", "private", "protected", "public", "readonly", "return", "set", "static", "super", "switch", "this", "throw", "try", "type", "typeof", "var", "void", "while", "with", "yield", "as", "declare", "namespace", "keyof":
		return clsKeyword
	case "true", "false", "null", "undefined", "NaN", "Infinity":
		return clsLiteral
	case "any", "boolean", "never", "number", "object", "string", "symbol", "unknown", "bigint", "Array", "Promise", "Map", "Set", "Date", "Error", "JSON", "Math", "Object", "String", "Number", "console", "window", "document":
		return clsType
	}
	return clsText
}

func wordsPython(w string) class {
	switch w {
	case "and", "as", "assert", "async", "await", "break", "class", "continue", "def", "del", "elif", "else", "except", "finally", "for", "from", "global", "if", "import", "in", "is", "lambda", "nonlocal", "not", "or", "pass", "raise", "return", "try", "while", "with", "yield", "match", "case":
		return clsKeyword
	case "True", "False", "None":
		return clsLiteral
	case "bool", "bytes", "dict", "float", "int", "list", "object", "set", "str", "tuple", "len", "print", "range", "open", "super", "isinstance", "enumerate", "zip", "map", "filter", "sorted", "type", "self", "cls":
		return clsType
	}
	return clsText
}

func wordsRust(w string) class {
	switch w {
	case "as", "async", "await", "break", "const", "continue", "crate", "dyn", "else", "enum", "extern", "fn", "for", "if", "impl", "in", "let", "loop", "match", "mod", "move", "mut", "pub", "ref", "return", "self", "Self", "static", "struct", "super", "trait", "type", "unsafe", "use", "where", "while":
		return clsKeyword
	case "true", "false", "None", "Some", "Ok", "Err":
		return clsLiteral
	case "bool", "char", "f32", "f64", "i8", "i16", "i32", "i64", "i128", "isize", "str", "u8", "u16", "u32", "u64", "u128", "usize", "String", "Vec", "Option", "Result", "Box":
		return clsType
	}
	return clsText
}

func wordsSwift(w string) class {
	switch w {
	case "as", "associatedtype", "break", "case", "catch", "class", "continue", "default", "defer", "deinit", "do", "else", "enum", "extension", "fallthrough", "fileprivate", "for", "func", "guard", "if", "import", "in", "init", "inout", "internal", "is", "let", "open", "operator", "private", "protocol", "public", "repeat", "rethrows", "return", "self", "static", "struct", "subscript", "super", "switch", "throw", "throws", "try", "typealias", "var", "where", "while", "async", "await":
		return clsKeyword
	case "true", "false", "nil":
		return clsLiteral
	}
	return clsText
}

func wordsRuby(w string) class {
	switch w {
	case "alias", "and", "begin", "break", "case", "class", "def", "defined?", "do", "else", "elsif", "end", "ensure", "for", "if", "in", "module", "next", "not", "or", "redo", "rescue", "retry", "return", "self", "super", "then", "undef", "unless", "until", "when", "while", "yield", "require", "attr_accessor", "puts":
		return clsKeyword
	case "true", "false", "nil":
		return clsLiteral
	}
	return clsText
}

func wordsPhp(w string) class {
	switch w {
	case "abstract", "and", "array", "as", "break", "case", "catch", "class", "clone", "const", "continue", "declare", "default", "do", "echo", "else", "elseif", "empty", "endif", "endforeach", "endwhile", "extends", "final", "finally", "fn", "for", "foreach", "function", "global", "if", "implements", "include", "interface", "isset", "list", "match", "namespace", "new", "or", "print", "private", "protected", "public", "readonly", "require", "return", "static", "switch", "throw", "trait", "try", "unset", "use", "var", "while", "yield":
		return clsKeyword
	case "true", "false", "null", "TRUE", "FALSE", "NULL":
		return clsLiteral
	}
	return clsText
}

func wordsBash(w string) class {
	switch w {
	case "if", "then", "else", "elif", "fi", "for", "while", "until", "do", "done", "case", "esac", "in", "function", "return", "local", "export", "readonly", "declare", "set", "unset", "shift", "exit", "break", "continue", "source", "alias", "echo", "cd", "sudo":
		return clsKeyword
	case "true", "false":
		return clsLiteral
	}
	return clsText
}

func wordsSql(w string) class {
	switch w {
	case "add", "all", "alter", "and", "as", "asc", "begin", "between", "by", "case", "check", "column", "commit", "constraint", "create", "database", "default", "delete", "desc", "distinct", "drop", "else", "end", "exists", "foreign", "from", "full", "group", "having", "if", "in", "index", "inner", "insert", "into", "is", "join", "key", "left", "like", "limit", "not", "null", "offset", "on", "or", "order", "outer", "primary", "references", "returning", "right", "rollback", "select", "set", "table", "then", "truncate", "union", "unique", "update", "values", "view", "when", "where", "with", "ADD", "ALL", "ALTER", "AND", "AS", "ASC", "BEGIN", "BETWEEN", "BY", "CASE", "CHECK", "COLUMN", "COMMIT", "CONSTRAINT", "CREATE", "DATABASE", "DEFAULT", "DELETE", "DESC", "DISTINCT", "DROP", "ELSE", "END", "EXISTS", "FOREIGN", "FROM", "FULL", "GROUP", "HAVING", "IF", "IN", "INDEX", "INNER", "INSERT", "INTO", "IS", "JOIN", "KEY", "LEFT", "LIKE", "LIMIT", "NOT", "NULL", "OFFSET", "ON", "OR", "ORDER", "OUTER", "PRIMARY", "REFERENCES", "RETURNING", "RIGHT", "ROLLBACK", "SELECT", "SET", "TABLE", "THEN", "TRUNCATE", "UNION", "UNIQUE", "UPDATE", "VALUES", "VIEW", "WHEN", "WHERE", "WITH":
		return clsKeyword
	case "true", "false", "TRUE", "FALSE":
		return clsLiteral
	case "bigint", "bit", "blob", "boolean", "char", "date", "datetime", "decimal", "double", "float", "int", "integer", "json", "money", "numeric", "real", "serial", "smallint", "text", "time", "timestamp", "uuid", "varchar", "count", "sum", "avg", "min", "max", "coalesce", "now", "BIGINT", "BIT", "BLOB", "BOOLEAN", "CHAR", "DATE", "DATETIME", "DECIMAL", "DOUBLE", "FLOAT", "INT", "INTEGER", "JSON", "MONEY", "NUMERIC", "REAL", "SERIAL", "SMALLINT", "TEXT", "TIME", "TIMESTAMP", "UUID", "VARCHAR", "COUNT", "SUM", "AVG", "MIN", "MAX", "COALESCE", "NOW":
		return clsType
	}
	return clsText
}

func wordsJson(w string) class {
	switch w {
	case "true", "false", "null":
		return clsLiteral
	}
	return clsText
}

func wordsYaml(w string) class {
	switch w {
	case "true", "false", "null", "yes", "no", "on", "off", "True", "False", "Null", "Yes", "No", "~":
		return clsLiteral
	}
	return clsText
}

func wordsCss(w string) class {
	switch w {
	case "important", "inherit", "initial", "none", "auto":
		return clsLiteral
	}
	return clsText
}

func wordsR(w string) class {
	switch w {
	case "if", "else", "repeat", "while", "function", "for", "in", "next", "break", "return", "library":
		return clsKeyword
	case "TRUE", "FALSE", "NULL", "NA", "Inf", "NaN":
		return clsLiteral
	}
	return clsText
}
