"""Split a Go text/template into tokens, as Go's text/template/parse lexer does.

The rules follow the package documentation (pkg.go.dev/text/template):
"{{- " and " -}}" trim the white space next to them, "{{/* */}}" is a
comment, and a word must end at a space, ".", ",", "|", ":", a paren or
the closing delimiter. A lexical error becomes an "error" token at the
point it was found, so the parser reports it only if it gets that far.
"""

from __future__ import annotations

from typing import NoReturn

from docker_cli.output.template_fmt import quote

LEFT, RIGHT = "{{", "}}"
SPACES = " \t\r\n"
KEYWORDS = frozenset(
    {"block", "break", "continue", "define", "else", "end", "if"}
    | {"nil", "range", "template", "with"}
)
TERMINATORS = frozenset(SPACES + ".,|:()")
DECIMAL = "0123456789_"
HEXADECIMAL = "0123456789abcdefABCDEF_"
UNTERMINATED = {
    '"': "unterminated quoted string",
    "`": "unterminated raw quoted string",
    "'": "unterminated character constant",
}
QUOTED_KINDS = {'"': "string", "`": "raw", "'": "rune"}


class Token:
    """One token: kind is a fixed word such as "field" or "{{"."""

    __slots__ = ("kind", "text", "pos")

    def __init__(self, kind: str, text: str, pos: int) -> None:
        self.kind = kind
        self.text = text
        self.pos = pos

    def __str__(self) -> str:
        """The token as Go's parser quotes it in "unexpected ..." errors."""
        if self.kind in ("eof", "error"):
            return self.text
        if self.kind in KEYWORDS or self.kind == "dot":
            return "<" + self.text + ">"
        if len(self.text) > 10:
            return quote(self.text[:10]) + "..."
        return quote(self.text)


class LexError(Exception):
    """Stops the lexer; becomes an "error" token."""


def describe_rune(char: str) -> str:
    """A character as Go's %#U prints it: U+0041 'A'."""
    code = f"U+{ord(char):04X}"
    return code + " '" + char + "'" if char.isprintable() else code


def is_word_char(char: str) -> bool:
    """Letters, digits and underscore make up names, as in Go."""
    return char == "_" or char.isalpha() or char.isdecimal()


def tokenize(text: str) -> list[Token]:
    """All the tokens of text, ending with one "eof" or "error" token."""
    lexer = _Lexer(text)
    try:
        lexer.run()
    except LexError as err:
        lexer.tokens.append(Token("error", str(err), lexer.start))
    else:
        lexer.tokens.append(Token("eof", "EOF", len(text)))
    return lexer.tokens


class _Lexer:
    """The scanning state: text, the position reached and the tokens so far."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.pos = 0
        self.start = 0
        self.tokens: list[Token] = []
        self.paren_depth = 0

    def emit(self, kind: str) -> None:
        """Emit the text from start to pos as a token of this kind."""
        self.tokens.append(Token(kind, self.text[self.start : self.pos], self.start))
        self.start = self.pos

    def peek(self) -> str:
        """The next character, or "" at the end."""
        return self.text[self.pos : self.pos + 1]

    def fail(self, message: str) -> NoReturn:
        """Stop lexing with an error."""
        raise LexError(message)

    def run(self) -> None:
        """Alternate text and actions until the end of the input."""
        while self.pos < len(self.text):
            if not self.lex_text():
                return
            self.lex_action()

    def lex_text(self) -> bool:
        """Emit text up to the next "{{"; False when there is none."""
        found = self.text.find(LEFT, self.pos)
        if found < 0:
            self.pos = len(self.text)
            if self.pos > self.start:
                self.emit("text")
            return False
        self.pos = found
        body = self.text[self.start : found]
        if self.has_left_trim(found + len(LEFT)):
            body = body.rstrip(SPACES)
        if body:
            self.tokens.append(Token("text", body, self.start))
        self.start = self.pos
        return True

    def has_left_trim(self, at: int) -> bool:
        """Whether "- " follows the "{{" that ends just before at."""
        after = self.text[at + 1 : at + 2]
        return self.text[at : at + 1] == "-" and after != "" and after in SPACES

    def at_right_delim(self) -> tuple[bool, bool]:
        """Whether "}}" or " -}}" starts at pos; the second says trimmed."""
        rest = self.text[self.pos : self.pos + 4]
        if len(rest) == 4 and rest[0] in SPACES and rest[1:] == "-" + RIGHT:
            return True, True
        return rest.startswith(RIGHT), False

    def lex_action(self) -> None:
        """An action or comment from "{{" to its "}}"."""
        self.pos += len(LEFT)
        if self.has_left_trim(self.pos):
            self.pos += 2
        if self.text.startswith("/*", self.pos):
            self.lex_comment()
            return
        self.tokens.append(Token("{{", LEFT, self.start))
        self.start = self.pos
        self.paren_depth = 0
        while not self.lex_inside_action():
            pass

    def lex_comment(self) -> None:
        """Skip a comment, which must be followed by the closing delimiter."""
        end = self.text.find("*/", self.pos + 2)
        if end < 0:
            self.fail("unclosed comment")
        self.pos = end + 2
        delim, trim = self.at_right_delim()
        if not delim:
            self.fail("comment ends before closing delimiter")
        self.skip_right_delim(trim, emit=False)

    def skip_right_delim(self, trim: bool, emit: bool = True) -> None:
        """Pass the closing delimiter, and the spaces after it when trimmed."""
        if trim:
            self.pos += 2
            self.start = self.pos
        self.pos += len(RIGHT)
        if emit:
            self.emit("}}")
        if trim:
            while self.pos < len(self.text) and self.text[self.pos] in SPACES:
                self.pos += 1
        self.start = self.pos

    def lex_inside_action(self) -> bool:
        """Emit the next token inside an action; True at its end."""
        delim, trim = self.at_right_delim()
        if delim:
            if self.paren_depth:
                self.fail("unclosed left paren")
            self.skip_right_delim(trim)
            return True
        char = self.peek()
        if not char:
            self.fail("unclosed action")
        elif char in SPACES:
            return self.lex_space()
        else:
            self.lex_operator_or_word(char)
        return False

    def lex_space(self) -> bool:
        """A run of spaces; True if it ended in the " -}}" closing delimiter."""
        spaces = 0
        while self.peek() and self.peek() in SPACES:
            self.pos += 1
            spaces += 1
        if self.text.startswith("-" + RIGHT, self.pos):
            self.pos -= 1
            if spaces == 1:
                self.skip_right_delim(True)
                return True
        self.emit("space")
        return False

    def lex_operator_or_word(self, char: str) -> None:
        """Any token but a space, chosen by its first character."""
        following = self.text[self.pos + 1 : self.pos + 2]
        if char == "." and not ("0" <= following <= "9"):
            self.pos += 1
            self.lex_name("field", "dot")
        elif char in "+-." or "0" <= char <= "9":
            self.lex_number()
        elif is_word_char(char):
            self.lex_identifier()
        elif char == "$":
            self.pos += 1
            self.lex_name("variable", "variable")
        elif char in "\"`'":
            self.lex_quoted(char)
        else:
            self.lex_punctuation(char, following)

    def lex_punctuation(self, char: str, following: str) -> None:
        """Parens, "|", ":=", "=", and any other printable ASCII character."""
        self.pos += 1
        if char == ":":
            if following != "=":
                self.fail("expected :=")
            self.pos += 1
        elif char == "(":
            self.paren_depth += 1
        elif char == ")":
            self.paren_depth -= 1
            if self.paren_depth < 0:
                self.fail("unexpected right paren")
        elif not (" " < char < "\x7f"):
            self.fail("unrecognized character in action: " + describe_rune(char))
        kinds = {":": ":=", "=": "=", "|": "|", "(": "(", ")": ")"}
        self.emit(kinds.get(char, "char"))

    def at_terminator(self) -> bool:
        """Whether a name may end here."""
        char = self.peek()
        return not char or char in TERMINATORS or self.text.startswith(RIGHT, self.pos)

    def lex_name(self, kind: str, bare: str) -> None:
        """A field or variable name after its "." or "$"; alone, "." or "$"."""
        if self.at_terminator():
            self.emit(bare)
            return
        while self.peek() and is_word_char(self.peek()):
            self.pos += 1
        if not self.at_terminator():
            self.fail("bad character " + describe_rune(self.peek()))
        self.emit(kind)

    def lex_identifier(self) -> None:
        """A keyword, true or false, or the name of a function."""
        while self.peek() and is_word_char(self.peek()):
            self.pos += 1
        if not self.at_terminator():
            self.fail("bad character " + describe_rune(self.peek()))
        word = self.text[self.start : self.pos]
        if word in KEYWORDS:
            self.emit(word)
        elif word in ("true", "false"):
            self.emit("bool")
        else:
            self.emit("identifier")

    def lex_number(self) -> None:
        """A number in Go syntax; the parser works out its value."""
        if not self.scan_number():
            self.fail("bad number syntax: " + self.quoted_so_far())
        complex_tail = self.peek() in ("+", "-")
        if complex_tail and (not self.scan_number() or self.text[self.pos - 1] != "i"):
            self.fail("bad number syntax: " + self.quoted_so_far())
        self.emit("number")

    def quoted_so_far(self) -> str:
        """The current token's text, quoted for an error message."""
        return quote(self.text[self.start : self.pos])

    def accept(self, chars: str) -> bool:
        """Consume the next character if it is one of chars."""
        if self.peek() and self.peek() in chars:
            self.pos += 1
            return True
        return False

    def accept_run(self, chars: str) -> None:
        """Consume characters while they are in chars."""
        while self.accept(chars):
            pass

    def scan_number(self) -> bool:
        """Consume the longest number-looking text; False if a letter follows."""
        self.accept("+-")
        digits = DECIMAL
        if self.accept("0"):
            if self.accept("xX"):
                digits = HEXADECIMAL
            elif self.accept("oO"):
                digits = "01234567_"
            elif self.accept("bB"):
                digits = "01_"
        self.accept_run(digits)
        if self.accept("."):
            self.accept_run(digits)
        if digits == DECIMAL and self.accept("eE"):
            self.accept("+-")
            self.accept_run(DECIMAL)
        if digits == HEXADECIMAL and self.accept("pP"):
            self.accept("+-")
            self.accept_run(DECIMAL)
        self.accept("i")
        if self.peek() and is_word_char(self.peek()):
            self.pos += 1
            return False
        return True

    def lex_quoted(self, mark: str) -> None:
        """A "string", `raw string` or 'c'haracter; escapes are checked later."""
        raw = mark == "`"
        self.pos += 1
        while True:
            char = self.peek()
            self.pos += 1
            if char == mark:
                break
            if char == "\\" and not raw:
                char = self.peek()
                self.pos += 1
                if char and char != "\n":
                    continue
            if not char or (char == "\n" and not raw):
                self.fail(UNTERMINATED[mark])
        self.emit(QUOTED_KINDS[mark])
