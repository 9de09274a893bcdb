package practice

import (
	"strings"

	"modernc.org/sqlite"
)

// policy is the SQLite authorizer of one sandbox. SQLite asks it about every
// table, function, pragma and kind of statement while compiling a statement
// (including trigger and view bodies), so this is where "only the exercise
// database is reachable" is enforced, by the engine rather than by reading
// SQL text.
//
// It also notes whether the statement being compiled changes anything: the
// grader reads rows back only from statements that do not (see sandbox.run).
// SQLite calls it on the goroutine that prepares the statement, which is the
// one running the sandbox, so its fields need no lock.
type policy struct {
	wrote  bool   // the statement writes, or begins or ends a transaction
	denied string // why the last denied action was denied, for the learner
}

func (p *policy) reset() { p.wrote, p.denied = false, "" }

func (p *policy) deny(why string) sqlite.AuthorizerReturnCode {
	p.denied = why
	return sqlite.AuthorizerDeny
}

// authorize is the sqlite.AuthorizerFn. The arguments' meaning depends on the
// action; see https://www.sqlite.org/c3ref/c_alter_table.html.
func (p *policy) authorize(action sqlite.AuthorizerActionCode, arg1, arg2, _, _ string) sqlite.AuthorizerReturnCode {
	switch action {
	case sqlite.AuthSelect, sqlite.AuthRead, sqlite.AuthRecursive:
		return sqlite.AuthorizerOK
	case sqlite.AuthFunction:
		return p.function(arg2)
	case sqlite.AuthPragma:
		return p.pragma(strings.ToLower(arg1), arg2)
	case sqlite.AuthInsert, sqlite.AuthUpdate, sqlite.AuthDelete,
		sqlite.AuthCreateTable, sqlite.AuthCreateIndex, sqlite.AuthCreateView, sqlite.AuthCreateTrigger,
		sqlite.AuthCreateTempTable, sqlite.AuthCreateTempIndex, sqlite.AuthCreateTempView, sqlite.AuthCreateTempTrigger,
		sqlite.AuthDropTable, sqlite.AuthDropIndex, sqlite.AuthDropView, sqlite.AuthDropTrigger,
		sqlite.AuthDropTempTable, sqlite.AuthDropTempIndex, sqlite.AuthDropTempView, sqlite.AuthDropTempTrigger,
		sqlite.AuthAlterTable, sqlite.AuthAnalyze, sqlite.AuthReindex,
		sqlite.AuthTransaction, sqlite.AuthSavepoint:
		// The sandbox is a throwaway copy: changing it is fine. Defensive
		// mode (set when the connection opens) keeps even these from
		// corrupting the schema or journal.
		p.wrote = true
		return sqlite.AuthorizerOK
	case sqlite.AuthAttach, sqlite.AuthDetach:
		// VACUUM, with or without INTO, also asks for ATTACH.
		return p.deny("ATTACH, DETACH and VACUUM are not available: an exercise can only use its own database.")
	case sqlite.AuthCreateVTable, sqlite.AuthDropVTable:
		return p.deny("Virtual tables are not available in exercises.")
	}
	return p.deny("This kind of statement is not available in exercises.")
}

func (p *policy) function(name string) sqlite.AuthorizerReturnCode {
	switch strings.ToLower(name) {
	case "load_extension":
		return p.deny("load_extension() is not available: exercises cannot load code into the database.")
	case "random", "randomblob", "current_date", "current_time", "current_timestamp":
		// A graded answer must give the same result every time it runs.
		return p.deny(name + "() is not available: a graded answer must give the same result every time it runs.")
	}
	return sqlite.AuthorizerOK
}

// pragma allows the pragmas that only describe the schema, and reading (not
// setting) foreign_keys. Every other pragma could change how the sandbox
// behaves (writable_schema, max_page_count, foreign_keys = OFF, ...).
func (p *policy) pragma(name, arg string) sqlite.AuthorizerReturnCode {
	switch name {
	case "table_info", "table_xinfo", "table_list", "index_list", "index_info", "index_xinfo",
		"foreign_key_list", "foreign_key_check":
		return sqlite.AuthorizerOK
	case "foreign_keys":
		if arg == "" {
			return sqlite.AuthorizerOK
		}
	}
	return p.deny("PRAGMA " + name + " is not available in exercises. These are: table_info, table_xinfo, " +
		"table_list, index_list, index_info, index_xinfo, foreign_key_list, foreign_key_check, and reading foreign_keys.")
}
