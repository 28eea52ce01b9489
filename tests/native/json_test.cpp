#include "json/json.h"

#include <gtest/gtest.h>

#include <chrono>
#include <cmath>
#include <cstdint>
#include <limits>
#include <string>
#include <string_view>
#include <vector>

namespace avro::json {
namespace {

using namespace std::string_literals;  // "\0"s keeps embedded NULs

struct Case {
  const char* name;
  std::string text;
};

// Parses `text`, expecting a syntax error at `offset`; returns the message.
std::string expect_syntax_error(std::string_view text, int64_t offset) {
  Result<Value> result = parse(text);
  EXPECT_FALSE(result.is_ok()) << text;
  if (result.is_ok()) return {};
  EXPECT_EQ(result.error().code, ErrorCode::kJsonSyntax) << text;
  EXPECT_EQ(result.error().offset, offset) << text << ": " << result.error().message;
  return result.error().message;
}

Value parse_ok(std::string_view text) {
  Result<Value> result = parse(text);
  EXPECT_TRUE(result.is_ok()) << text << ": " << (result.is_ok() ? "" : result.error().describe());
  return result.is_ok() ? std::move(result).value() : Value();
}

std::string double_text(double d) {
  std::string out;
  write_double(d, out);
  return out;
}

std::string float_text(float f) {
  std::string out;
  write_float(f, out);
  return out;
}

// ---------------------------------------------------------------------------
// Acceptance (JSONTestSuite y_ and the i_ cases we accept)

TEST(JsonParse, AcceptsJsonTestSuiteY) {
  const std::vector<Case> cases = {
      {"y_array_arraysWithSpaces", "[[]   ]"},
      {"y_array_empty", "[]"},
      {"y_array_empty-string", R"([""])"},
      {"y_array_false", "[false]"},
      {"y_array_heterogeneous", R"([null, 1, "1", {}])"},
      {"y_array_null", "[null]"},
      {"y_array_with_1_and_newline", "[1\n]"},
      {"y_array_with_leading_space", " [1]"},
      {"y_array_with_several_null", "[1,null,null,null,2]"},
      {"y_array_with_trailing_space", "[2] "},
      {"y_number", "[123e65]"},
      {"y_number_0e+1", "[0e+1]"},
      {"y_number_0e1", "[0e1]"},
      {"y_number_after_space", "[ 4]"},
      {"y_number_double_close_to_zero",
       "[-0.000000000000000000000000000000000000000000000000000000000000000000000000000001]"},
      {"y_number_int_with_exp", "[20e1]"},
      {"y_number_minus_zero", "[-0]"},
      {"y_number_negative_int", "[-123]"},
      {"y_number_negative_one", "[-1]"},
      {"y_number_real_capital_e", "[1E22]"},
      {"y_number_real_capital_e_neg_exp", "[1E-2]"},
      {"y_number_real_capital_e_pos_exp", "[1E+2]"},
      {"y_number_real_exponent", "[123e45]"},
      {"y_number_real_fraction_exponent", "[123.456e78]"},
      {"y_number_real_neg_exp", "[1e-2]"},
      {"y_number_real_pos_exponent", "[1e+2]"},
      {"y_number_simple_int", "[123]"},
      {"y_number_simple_real", "[123.456789]"},
      {"y_object", R"({"asd":"sdf", "dfg":"fgh"})"},
      {"y_object_basic", R"({"asd":"sdf"})"},
      {"y_object_duplicated_key", R"({"a":"b","a":"c"})"},
      {"y_object_duplicated_key_and_value", R"({"a":"b","a":"b"})"},
      {"y_object_empty", "{}"},
      {"y_object_empty_key", R"({"":0})"},
      {"y_object_escaped_null_in_key", R"({"foo\u0000bar": 42})"},
      {"y_object_extreme_numbers", R"({ "min": -1.0e+28, "max": 1.0e+28 })"},
      {"y_object_simple", R"({"a":[]})"},
      {"y_object_string_unicode", R"({"title":"\u041f\u043e\u043b\u0442\u043e\u0440\u0430" })"},
      {"y_object_with_newlines", "{\n\"a\": \"b\"\n}"},
      {"y_string_1_2_3_bytes_UTF-8_sequences", R"(["\u0060\u012a\u12AB"])"},
      {"y_string_accepted_surrogate_pair", R"(["\uD801\udc37"])"},
      {"y_string_accepted_surrogate_pairs", R"(["\ud83d\ude39\ud83d\udc8d"])"},
      {"y_string_allowed_escapes", R"(["\"\\\/\b\f\n\r\t"])"},
      {"y_string_backslash_and_u_escaped_zero", R"(["\\u0000"])"},
      {"y_string_backslash_doublequotes", R"(["\""])"},
      {"y_string_comments", R"(["a/*b*/c/*d//e"])"},
      {"y_string_double_escape_a", R"(["\\a"])"},
      {"y_string_double_escape_n", R"(["\\n"])"},
      {"y_string_escaped_control_character", R"(["\u0012"])"},
      {"y_string_escaped_noncharacter", R"(["\uFFFF"])"},
      {"y_string_in_array", R"(["asd"])"},
      {"y_string_in_array_with_leading_space", R"([ "asd"])"},
      {"y_string_last_surrogates_1_and_2", R"(["\uDBFF\uDFFF"])"},
      {"y_string_nbsp_uescaped", R"(["new\u00A0line"])"},
      {"y_string_nonCharacterInUTF-8_U+10FFFF", "[\"\xf4\x8f\xbf\xbf\"]"},
      {"y_string_nonCharacterInUTF-8_U+FFFF", "[\"\xef\xbf\xbf\"]"},
      {"y_string_null_escape", R"(["\u0000"])"},
      {"y_string_one-byte-utf-8", R"(["\u002c"])"},
      {"y_string_pi", "[\"\xcf\x80\"]"},
      {"y_string_reservedCharacterInUTF-8_U+1BFFF", "[\"\xf0\x9b\xbf\xbf\"]"},
      {"y_string_simple_ascii", R"(["asd "])"},
      {"y_string_space", R"(" ")"},
      {"y_string_surrogates_U+1D11E_MUSICAL_SYMBOL_G_CLEF", R"(["\uD834\uDd1e"])"},
      {"y_string_three-byte-utf-8", R"(["\u0821"])"},
      {"y_string_two-byte-utf-8", R"(["\u0123"])"},
      {"y_string_u+2028_line_sep", "[\"\xe2\x80\xa8\"]"},
      {"y_string_u+2029_par_sep", "[\"\xe2\x80\xa9\"]"},
      {"y_string_uEscape", R"(["\u0061\u30af\u30EA\u30b9"])"},
      {"y_string_uescaped_newline", R"(["new\u000Aline"])"},
      {"y_string_unescaped_char_delete", "[\"\x7f\"]"},
      {"y_string_unicode", R"(["\uA66D"])"},
      {"y_string_unicodeEscapedBackslash", R"(["\u005C"])"},
      {"y_string_unicode_U+10FFFE_nonchar", R"(["\uDBFF\uDFFE"])"},
      {"y_string_unicode_U+1FFFE_nonchar", R"(["\uD83F\uDFFE"])"},
      {"y_string_unicode_U+200B_ZERO_WIDTH_SPACE", R"(["\u200B"])"},
      {"y_string_unicode_U+FDD0_nonchar", R"(["\uFDD0"])"},
      {"y_string_unicode_U+FFFE_nonchar", R"(["\uFFFE"])"},
      {"y_string_unicode_escaped_double_quote", R"(["\u0022"])"},
      {"y_string_utf8", "[\"\xe2\x82\xac\xf0\x9d\x84\x9e\"]"},
      {"y_string_with_del_character",
       "[\"a\x7f"
       "a\"]"},
      {"y_structure_lonely_false", "false"},
      {"y_structure_lonely_int", "42"},
      {"y_structure_lonely_negative_real", "-0.1"},
      {"y_structure_lonely_null", "null"},
      {"y_structure_lonely_string", R"("asd")"},
      {"y_structure_lonely_true", "true"},
      {"y_structure_string_empty", R"("")"},
      {"y_structure_trailing_newline", "[\"a\"]\n"},
      {"y_structure_true_in_array", "[true]"},
      {"y_structure_whitespace_array", " [] "},
      {"all_whitespace_kinds", " \t\r\n[ \t\r\n1 \t\r\n, \t\r\n{ \t\r\n} \t\r\n] \t\r\n"},
      // i_ (implementation-defined) cases this parser accepts.
      {"i_number_double_huge_neg_exp", "[123.456e-789]"},
      {"i_number_huge_exp", "[0.4e00669999999999999999999999999999999999999999999999999999999999]"},
      {"i_number_real_pos_overflow", "[123123e100000]"},
      {"i_number_very_big_negative_int", "[-237462374673276894279832749832423479823246327846]"},
  };
  for (const Case& c : cases) {
    Result<Value> result = parse(c.text);
    EXPECT_TRUE(result.is_ok()) << c.name << ": " << result.error().describe();
  }
}

// ---------------------------------------------------------------------------
// Rejection (JSONTestSuite n_ and the i_ cases we reject)

TEST(JsonParse, RejectsJsonTestSuiteN) {
  const std::vector<Case> cases = {
      {"n_array_1_true_without_comma", "[1 true]"},
      {"n_array_a_invalid_utf8", "[a\xe5]"},
      {"n_array_colon_instead_of_comma", R"(["": 1])"},
      {"n_array_comma_after_close", R"([""],)"},
      {"n_array_comma_and_number", "[,1]"},
      {"n_array_double_comma", "[1,,2]"},
      {"n_array_double_extra_comma", R"(["x",,])"},
      {"n_array_extra_close", R"(["x"]])"},
      {"n_array_extra_comma", R"(["",])"},
      {"n_array_incomplete", R"(["x")"},
      {"n_array_incomplete_invalid_value", "[x"},
      {"n_array_inner_array_no_comma", "[3[4]]"},
      {"n_array_invalid_utf8", "[\xff]"},
      {"n_array_items_separated_by_semicolon", "[1:2]"},
      {"n_array_just_comma", "[,]"},
      {"n_array_just_minus", "[-]"},
      {"n_array_missing_value", R"([   , ""])"},
      {"n_array_newlines_unclosed", "[\"a\",\n4\n,1,"},
      {"n_array_number_and_comma", "[1,]"},
      {"n_array_number_and_several_commas", "[1,,]"},
      {"n_array_spaces_vertical_tab_formfeed", "[\"\va\"\\f]"},
      {"n_array_star_inside", "[*]"},
      {"n_array_unclosed", R"([""")"},
      {"n_array_unclosed_trailing_comma", "[1,"},
      {"n_array_unclosed_with_new_lines", "[1,\n1\n,1"},
      {"n_array_unclosed_with_object_inside", "[{}"},
      {"n_incomplete_false", "[fals]"},
      {"n_incomplete_null", "[nul]"},
      {"n_incomplete_true", "[tru]"},
      {"n_multidigit_number_then_00", "123\0"s},
      {"n_number_++", "[++1234]"},
      {"n_number_+1", "[+1]"},
      {"n_number_+Inf", "[+Inf]"},
      {"n_number_-01", "[-01]"},
      {"n_number_-1.0.", "[-1.0.]"},
      {"n_number_-2.", "[-2.]"},
      {"n_number_-NaN", "[-NaN]"},
      {"n_number_.-1", "[.-1]"},
      {"n_number_.2e-3", "[.2e-3]"},
      {"n_number_0.1.2", "[0.1.2]"},
      {"n_number_0.3e+", "[0.3e+]"},
      {"n_number_0.3e", "[0.3e]"},
      {"n_number_0.e1", "[0.e1]"},
      {"n_number_0_capital_E+", "[0E+]"},
      {"n_number_0_capital_E", "[0E]"},
      {"n_number_0e+", "[0e+]"},
      {"n_number_0e", "[0e]"},
      {"n_number_1.0e+", "[1.0e+]"},
      {"n_number_1.0e-", "[1.0e-]"},
      {"n_number_1.0e", "[1.0e]"},
      {"n_number_1_000", "[1 000.0]"},
      {"n_number_1eE2", "[1eE2]"},
      {"n_number_2.e+3", "[2.e+3]"},
      {"n_number_2.e-3", "[2.e-3]"},
      {"n_number_2.e3", "[2.e3]"},
      {"n_number_9.e+", "[9.e+]"},
      {"n_number_Inf", "[Inf]"},
      {"n_number_NaN", "[NaN]"},
      {"n_number_U+FF11_fullwidth_digit_one", "[\xef\xbc\x91]"},
      {"n_number_expression", "[1+2]"},
      {"n_number_hex_1_digit", "[0x1]"},
      {"n_number_hex_2_digits", "[0x42]"},
      {"n_number_infinity", "[Infinity]"},
      {"n_number_invalid+-", "[0e+-1]"},
      {"n_number_invalid-negative-real", "[-123.123foo]"},
      {"n_number_minus_infinity", "[-Infinity]"},
      {"n_number_minus_sign_with_trailing_garbage", "[-foo]"},
      {"n_number_minus_space_1", "[- 1]"},
      {"n_number_neg_int_starting_with_zero", "[-012]"},
      {"n_number_neg_real_without_int_part", "[-.123]"},
      {"n_number_neg_with_garbage_at_end", "[-1x]"},
      {"n_number_real_garbage_after_e", "[1ea]"},
      {"n_number_real_without_fractional_part", "[1.]"},
      {"n_number_starting_with_dot", "[.123]"},
      {"n_number_with_alpha", "[1.2a-3]"},
      {"n_number_with_alpha_char", "[1.8011670033376514H-308]"},
      {"n_number_with_leading_zero", "[012]"},
      {"n_object_bad_value", R"(["x", truth])"},
      {"n_object_bracket_key", R"({[: "x"}
)"},
      {"n_object_comma_instead_of_colon", R"({"x", null})"},
      {"n_object_double_colon", R"({"x"::"b"})"},
      {"n_object_emoji", "{\xf0\x9f\x87\xa8\xf0\x9f\x87\xad}"},
      {"n_object_garbage_at_end", R"({"a":"a" 123})"},
      {"n_object_key_with_single_quotes", "{key: 'value'}"},
      {"n_object_missing_colon", R"({"a" b})"},
      {"n_object_missing_key", R"({:"b"})"},
      {"n_object_missing_semicolon", R"({"a" "b"})"},
      {"n_object_missing_value", R"({"a":)"},
      {"n_object_no-colon", R"({"a")"},
      {"n_object_non_string_key", "{1:1}"},
      {"n_object_repeated_null_null", "{null:null,null:null}"},
      {"n_object_several_trailing_commas", R"({"id":0,,,,,})"},
      {"n_object_single_quote", "{'a':0}"},
      {"n_object_trailing_comma", R"({"id":0,})"},
      {"n_object_trailing_comment", R"({"a":"b"}/**/)"},
      {"n_object_trailing_comment_open", R"({"a":"b"}/**//)"},
      {"n_object_trailing_comment_slash_open", R"({"a":"b"}//)"},
      {"n_object_two_commas_in_a_row", R"({"a":"b",,"c":"d"})"},
      {"n_object_unquoted_key", R"({a: "b"})"},
      {"n_object_unterminated-value", R"({"a":"a)"},
      {"n_object_with_single_string", R"({ "foo" : "bar", "a" })"},
      {"n_object_with_trailing_garbage", R"({"a":"b"}#)"},
      {"n_single_space", " "},
      {"n_string_1_surrogate_then_escape", R"(["\uD800\"])"},
      {"n_string_1_surrogate_then_escape_u", R"(["\uD800\u"])"},
      {"n_string_1_surrogate_then_escape_u1", R"(["\uD800\u1"])"},
      {"n_string_1_surrogate_then_escape_u1x", R"(["\uD800\u1x"])"},
      {"n_string_accentuated_char_no_quotes", "[\xc3\xa9]"},
      {"n_string_backslash_00", "[\"\\\0\"]"s},
      {"n_string_escape_x", R"(["\x00"])"},
      {"n_string_escaped_backslash_bad", R"(["\\\"])"},
      {"n_string_escaped_ctrl_char_tab", "[\"\\\t\"]"},
      {"n_string_escaped_emoji", "[\"\\\xf0\x9f\x8c\x80\"]"},
      {"n_string_incomplete_escape", R"(["\"])"},
      {"n_string_incomplete_escaped_character", R"(["\u00A"])"},
      {"n_string_incomplete_surrogate", R"(["\uD834\uDd"])"},
      {"n_string_incomplete_surrogate_escape_invalid", R"(["\uD800\uD800\x"])"},
      {"n_string_invalid-utf-8-in-escape", "[\"\\u\xe5\"]"},
      {"n_string_invalid_backslash_esc", R"(["\a"])"},
      {"n_string_invalid_unicode_escape", R"(["\uqqqq"])"},
      {"n_string_invalid_utf8_after_escape", "[\"\\\xe5\"]"},
      {"n_string_leading_uescaped_thinspace", R"([\u0020"asd"])"},
      {"n_string_no_quotes_with_bad_escape", R"([\n])"},
      {"n_string_single_doublequote", "\""},
      {"n_string_single_quote", "['single quote']"},
      {"n_string_single_string_no_double_quotes", "abc"},
      {"n_string_start_escape_unclosed", "[\"\\"},
      {"n_string_unescaped_ctrl_char", "[\"a\0a\"]"s},
      {"n_string_unescaped_newline", "[\"new\nline\"]"},
      {"n_string_unescaped_tab", "[\"\t\"]"},
      {"n_string_unicode_CapitalU", R"("\UA66D")"},
      {"n_string_with_trailing_garbage", R"(""x)"},
      {"n_structure_angle_bracket_.", "<.>"},
      {"n_structure_angle_bracket_null", "[<null>]"},
      {"n_structure_array_trailing_garbage", "[1]x"},
      {"n_structure_array_with_extra_array_close", "[1]]"},
      {"n_structure_array_with_unclosed_string", R"(["asd])"},
      {"n_structure_ascii-unicode-identifier", "a\xc3\xa5"},
      {"n_structure_capitalized_True", "[True]"},
      {"n_structure_close_unopened_array", "1]"},
      {"n_structure_comma_instead_of_closing_brace", R"({"x": true,)"},
      {"n_structure_double_array", "[][]"},
      {"n_structure_end_array", "]"},
      {"n_structure_incomplete_UTF8_BOM", "\xef\xbb{}"},
      {"n_structure_lone-invalid-utf-8", "\xe5"},
      {"n_structure_lone-open-bracket", "["},
      {"n_structure_no_data", ""},
      {"n_structure_null-byte-outside-string", "[\0]"s},
      {"n_structure_number_with_trailing_garbage", "2@"},
      {"n_structure_object_followed_by_closing_object", "{}}"},
      {"n_structure_object_unclosed_no_value", R"({"":)"},
      {"n_structure_object_with_comment", R"({"a":/*comment*/"b"})"},
      {"n_structure_object_with_trailing_garbage", R"({"a": true} "x")"},
      {"n_structure_open_array_apostrophe", "['"},
      {"n_structure_open_array_comma", "[,"},
      {"n_structure_open_array_open_object", "[{"},
      {"n_structure_open_array_open_string", R"(["a)"},
      {"n_structure_open_array_string", R"(["a")"},
      {"n_structure_open_object", "{"},
      {"n_structure_open_object_close_array", "{]"},
      {"n_structure_open_object_comma", "{,"},
      {"n_structure_open_object_open_array", "{["},
      {"n_structure_open_object_open_string", R"({"a)"},
      {"n_structure_open_object_string_with_apostrophes", "{'a'"},
      {"n_structure_single_star", "*"},
      {"n_structure_trailing_#", R"({"a":"b"}#{})"},
      {"n_structure_U+2060_word_joined", "[\xe2\x81\xa0]"},
      {"n_structure_uescaped_LF_before_string", R"([\u000A""])"},
      {"n_structure_unclosed_array", "[1"},
      {"n_structure_unclosed_array_partial_null", "[ false, nul"},
      {"n_structure_unclosed_array_unfinished_false", "[ true, fals"},
      {"n_structure_unclosed_array_unfinished_true", "[ false, tru"},
      {"n_structure_unclosed_object", R"({"asd":"asd")"},
      {"n_structure_unicode-identifier", "\xc3\xa5"},
      {"n_structure_UTF8_BOM_no_data", "\xef\xbb\xbf"},
      {"n_structure_whitespace_formfeed", "[\f]"},
      {"n_structure_whitespace_U+2060_word_joiner", "[\xe2\x81\xa0]"},
      {"comment_line", "// c\n1"},
      {"single_quoted_string", "'a'"},
      // i_ cases this parser rejects: invalid UTF-8 and unpaired surrogates.
      {"i_object_key_lone_2nd_surrogate", R"({"\uDFAA":0})"},
      {"i_string_1st_surrogate_but_2nd_missing", R"(["\uDADA"])"},
      {"i_string_1st_valid_surrogate_2nd_invalid", R"(["\uD888\u1234"])"},
      {"i_string_UTF-16LE_with_BOM", "\xff\xfe[\0\"\0\xe9\0\"\0]\0"s},
      {"i_string_UTF-8_invalid_sequence", "[\"\xe6\x97\xa5\xd1\x88\xfa\"]"},
      {"i_string_UTF8_surrogate_U+D800", "[\"\xed\xa0\x80\"]"},
      {"i_string_incomplete_surrogate_and_escape_valid", R"(["\uD800\n"])"},
      {"i_string_incomplete_surrogate_pair", R"(["\uDd1ea"])"},
      {"i_string_incomplete_surrogates_escape_valid", R"(["\uD800\uD800\n"])"},
      {"i_string_invalid_lonely_surrogate", R"(["\ud800"])"},
      {"i_string_invalid_surrogate", R"(["\ud800abc"])"},
      {"i_string_invalid_utf-8", "[\"\xff\"]"},
      {"i_string_inverted_surrogates_U+1D11E", R"(["\uDd1e\uD834"])"},
      {"i_string_iso_latin_1", "[\"\xe9\"]"},
      {"i_string_lone_second_surrogate", R"(["\uDFAA"])"},
      {"i_string_lone_utf8_continuation_byte", "[\"\x81\"]"},
      {"i_string_not_in_unicode_range", "[\"\xf4\xbf\xbf\xbf\"]"},
      {"i_string_overlong_sequence_2_bytes", "[\"\xc0\xaf\"]"},
      {"i_string_overlong_sequence_6_bytes", "[\"\xfc\x83\xbf\xbf\xbf\xbf\"]"},
      {"i_string_overlong_sequence_6_bytes_null", "[\"\xfc\x80\x80\x80\x80\x80\"]"},
      {"i_string_truncated-utf-8", "[\"\xe0\xff\"]"},
      {"i_string_utf16BE_no_BOM", "\0[\0\"\0\xe9\0\"\0]"s},
      {"i_structure_UTF-8_BOM_empty_object", "\xef\xbb\xbf{}"},
  };
  for (const Case& c : cases) {
    Result<Value> result = parse(c.text);
    ASSERT_FALSE(result.is_ok()) << c.name;
    EXPECT_EQ(result.error().code, ErrorCode::kJsonSyntax) << c.name;
    EXPECT_GE(result.error().offset, 0) << c.name;
    EXPECT_LE(result.error().offset, static_cast<int64_t>(c.text.size())) << c.name;
    EXPECT_FALSE(result.error().message.empty()) << c.name;
  }
}

// ---------------------------------------------------------------------------
// Error messages and offsets

TEST(JsonErrors, OffsetsAndMessages) {
  EXPECT_EQ(expect_syntax_error("", 0), "unexpected end of input");
  EXPECT_EQ(expect_syntax_error("  ", 2), "unexpected end of input");
  EXPECT_EQ(expect_syntax_error("[1,2", 4), "unexpected end of input");
  EXPECT_EQ(expect_syntax_error(R"({"a" 1})", 5), "expected ':' after object key");
  EXPECT_EQ(expect_syntax_error(R"({"a":1 "b":2})", 7), "expected ',' or '}' in object");
  EXPECT_EQ(expect_syntax_error(R"({1:1})", 1), "expected string key");
  EXPECT_EQ(expect_syntax_error("[1 2]", 3), "expected ',' or ']' in array");
  EXPECT_EQ(expect_syntax_error("[1, 2,]", 5), "trailing comma");
  EXPECT_EQ(expect_syntax_error(R"({"a":1 , })", 7), "trailing comma");
  EXPECT_EQ(expect_syntax_error(R"(["abc)", 1), "unterminated string");
  EXPECT_EQ(expect_syntax_error(R"([1, "ab\)", 4), "unterminated string");
  EXPECT_EQ(expect_syntax_error(R"(["\u00)", 1), "unterminated string");
  EXPECT_EQ(expect_syntax_error(R"(["a\q"])", 3), "invalid escape \\q");
  EXPECT_EQ(expect_syntax_error(R"(["a\u12G4"])", 3), "invalid \\u escape");
  EXPECT_EQ(expect_syntax_error(R"(["ab\uD800"])", 4), "lone surrogate in \\u escape");
  EXPECT_EQ(expect_syntax_error(R"(["\uDC00\uD800"])", 2), "lone surrogate in \\u escape");
  EXPECT_EQ(expect_syntax_error(R"(["\uD800\u0041"])", 2), "lone surrogate in \\u escape");
  EXPECT_EQ(expect_syntax_error("[\"ab\xc3\"]", 4), "invalid UTF-8 in string");
  EXPECT_EQ(expect_syntax_error("[\"a\nb\"]", 3), "unescaped control character in string");
  EXPECT_EQ(expect_syntax_error("[01]", 1), "leading zeros are not allowed");
  EXPECT_EQ(expect_syntax_error("-00", 1), "leading zeros are not allowed");
  EXPECT_EQ(expect_syntax_error("[-]", 2), "expected digit after '-'");
  EXPECT_EQ(expect_syntax_error("-", 1), "unexpected end of input");
  EXPECT_EQ(expect_syntax_error("[1.]", 3), "expected digit after '.'");
  EXPECT_EQ(expect_syntax_error("[1e+]", 4), "expected digit in exponent");
  EXPECT_EQ(expect_syntax_error("[tru]", 1), "invalid literal");
  EXPECT_EQ(expect_syntax_error("[NaN]", 1), "unexpected character 'N'");
  EXPECT_EQ(expect_syntax_error("\xef\xbb\xbf{}", 0), "unexpected byte 0xef");
  EXPECT_EQ(expect_syntax_error("{} x", 3), "unexpected data after JSON value");
  EXPECT_EQ(expect_syntax_error("[1]/**/", 3), "unexpected data after JSON value");
}

TEST(JsonErrors, DescribeIncludesOffset) {
  Result<Value> result = parse("[1,]");
  ASSERT_FALSE(result.is_ok());
  EXPECT_EQ(result.error().describe(), "trailing comma (byte 2)");
}

// ---------------------------------------------------------------------------
// Depth limit

TEST(JsonDepth, DefaultLimitIs512) {
  std::string ok = std::string(512, '[') + std::string(512, ']');
  EXPECT_TRUE(parse(ok).is_ok());
  std::string deep = std::string(513, '[') + std::string(513, ']');
  Result<Value> result = parse(deep);
  ASSERT_FALSE(result.is_ok());
  EXPECT_EQ(result.error().code, ErrorCode::kLimitExceeded);
  EXPECT_EQ(result.error().offset, 512);
}

TEST(JsonDepth, CustomLimitCountsArraysAndObjects) {
  ParseOptions options;
  options.max_depth = 3;
  EXPECT_TRUE(parse(R"({"a":[{"b":1}]})", options).is_ok());
  Result<Value> result = parse(R"({"a":[{"b":[]}]})", options);
  ASSERT_FALSE(result.is_ok());
  EXPECT_EQ(result.error().code, ErrorCode::kLimitExceeded);
  EXPECT_EQ(result.error().offset, 11);
  options.max_depth = 0;
  EXPECT_TRUE(parse("1", options).is_ok());
  EXPECT_EQ(parse("[]", options).error().code, ErrorCode::kLimitExceeded);
}

TEST(JsonDepth, HostileNestingFailsFast) {
  for (const char* open : {"[", "{\"a\":", "[{\"\":"}) {
    std::string text;
    for (int i = 0; i < 100000; ++i) text += open;
    auto start = std::chrono::steady_clock::now();
    Result<Value> result = parse(text);
    auto elapsed = std::chrono::steady_clock::now() - start;
    ASSERT_FALSE(result.is_ok()) << open;
    EXPECT_EQ(result.error().code, ErrorCode::kLimitExceeded) << open;
    EXPECT_LT(elapsed, std::chrono::seconds(1)) << open;
  }
  std::string million(1000000, '[');
  Result<Value> result = parse(million);
  ASSERT_FALSE(result.is_ok());
  EXPECT_EQ(result.error().code, ErrorCode::kLimitExceeded);
  EXPECT_EQ(result.error().offset, 512);
}

// ---------------------------------------------------------------------------
// DOM contents

TEST(JsonValue, ParsesStructure) {
  Value v = parse_ok(R"( {"b": [1, "x", true, false, null], "a": {}, "b": -2.5e3} )");
  ASSERT_TRUE(v.is_object());
  ASSERT_EQ(v.members().size(), 3u);
  EXPECT_EQ(v.members()[0].first, "b");  // order and duplicates kept
  EXPECT_EQ(v.members()[1].first, "a");
  EXPECT_EQ(v.members()[2].first, "b");
  const Value* b = v.find("b");
  ASSERT_NE(b, nullptr);
  ASSERT_TRUE(b->is_array());  // find returns the first member
  ASSERT_EQ(b->items().size(), 5u);
  EXPECT_TRUE(b->items()[0].is_number());
  EXPECT_EQ(b->items()[0].text(), "1");
  EXPECT_TRUE(b->items()[1].is_string());
  EXPECT_EQ(b->items()[1].text(), "x");
  EXPECT_TRUE(b->items()[2].is_bool());
  EXPECT_TRUE(b->items()[2].as_bool());
  EXPECT_FALSE(b->items()[3].as_bool());
  EXPECT_TRUE(b->items()[4].is_null());
  EXPECT_EQ(v.members()[2].second.text(), "-2.5e3");
  EXPECT_EQ(v.members()[2].second.as_double(), -2500.0);
  EXPECT_TRUE(v.find("a")->is_object());
  EXPECT_EQ(v.find("c"), nullptr);
}

TEST(JsonValue, Types) {
  EXPECT_EQ(Value().type(), Type::kNull);
  EXPECT_EQ(Value::boolean(true).type(), Type::kBool);
  EXPECT_EQ(Value::integer(1).type(), Type::kNumber);
  EXPECT_EQ(Value::number(1.5).type(), Type::kNumber);
  EXPECT_EQ(Value::number(std::string("1")).type(), Type::kNumber);
  EXPECT_EQ(Value::string("s").type(), Type::kString);
  EXPECT_EQ(Value::array().type(), Type::kArray);
  EXPECT_EQ(Value::object().type(), Type::kObject);
}

TEST(JsonStrings, EscapesDecode) {
  EXPECT_EQ(parse_ok(R"("\"\\\/\b\f\n\r\t")").text(), "\"\\/\b\f\n\r\t");
  EXPECT_EQ(parse_ok(R"("\u0041\u00e9\u20AC")").text(), "A\xc3\xa9\xe2\x82\xac");
  EXPECT_EQ(parse_ok(R"("\u0000")").text(), std::string(1, '\0'));
  EXPECT_EQ(parse_ok(R"("\u07FF\u0800\uFFFF")").text(), "\xdf\xbf\xe0\xa0\x80\xef\xbf\xbf");
  EXPECT_EQ(parse_ok(R"("\ud834\udd1e")").text(), "\xf0\x9d\x84\x9e");  // U+1D11E
  EXPECT_EQ(parse_ok(R"("\uD800\uDC00")").text(), "\xf0\x90\x80\x80");  // U+10000
  EXPECT_EQ(parse_ok(R"("\uDBFF\uDFFF")").text(), "\xf4\x8f\xbf\xbf");  // U+10FFFF
  EXPECT_EQ(parse_ok("\"caf\xc3\xa9 \xf0\x9f\x98\x80\"").text(), "caf\xc3\xa9 \xf0\x9f\x98\x80");
  EXPECT_EQ(parse_ok(R"({"k\u00e9y":1})").members()[0].first, "k\xc3\xa9y");
}

TEST(JsonUtf8, Validation) {
  EXPECT_TRUE(is_valid_utf8(""));
  EXPECT_TRUE(is_valid_utf8("plain ascii text that is longer than eight bytes"));
  EXPECT_TRUE(is_valid_utf8("\xc2\x80\xdf\xbf\xe0\xa0\x80\xed\x9f\xbf\xee\x80\x80"));
  EXPECT_TRUE(is_valid_utf8("\xf0\x90\x80\x80\xf4\x8f\xbf\xbf"));
  EXPECT_TRUE(is_valid_utf8(std::string("a\0b", 3)));
  EXPECT_FALSE(is_valid_utf8("\x80"));              // lone continuation
  EXPECT_FALSE(is_valid_utf8("\xc0\x80"));          // overlong NUL
  EXPECT_FALSE(is_valid_utf8("\xc1\xbf"));          // overlong
  EXPECT_FALSE(is_valid_utf8("\xe0\x9f\xbf"));      // overlong 3-byte
  EXPECT_FALSE(is_valid_utf8("\xed\xa0\x80"));      // surrogate U+D800
  EXPECT_FALSE(is_valid_utf8("\xed\xbf\xbf"));      // surrogate U+DFFF
  EXPECT_FALSE(is_valid_utf8("\xf0\x8f\xbf\xbf"));  // overlong 4-byte
  EXPECT_FALSE(is_valid_utf8("\xf4\x90\x80\x80"));  // U+110000
  EXPECT_FALSE(is_valid_utf8("\xf5\x80\x80\x80"));
  EXPECT_FALSE(is_valid_utf8("\xff"));
  EXPECT_FALSE(is_valid_utf8("abc\xe2\x82"));  // truncated at the end
  EXPECT_FALSE(is_valid_utf8("abcdefgh\xe2\x82zzzzzzzz"));
  EXPECT_FALSE(is_valid_utf8("\xe2\x28\xa1"));
}

// ---------------------------------------------------------------------------
// Numbers

TEST(JsonNumbers, Int64Exact) {
  struct IntCase {
    const char* text;
    int64_t value;
  };
  const IntCase ok[] = {
      {"0", 0},
      {"-0", 0},
      {"42", 42},
      {"-17", -17},
      {"9007199254740993", 9007199254740993},  // not representable as a double
      {"9223372036854775807", std::numeric_limits<int64_t>::max()},
      {"-9223372036854775808", std::numeric_limits<int64_t>::min()},
      {"1.0", 1},
      {"1e3", 1000},
      {"1E+3", 1000},
      {"10.0", 10},
      {"1.5e1", 15},
      {"12300e-2", 123},
      {"0.0e99999999999999999999", 0},
      {"922337203685477580.7e1", std::numeric_limits<int64_t>::max()},
      {"-9.223372036854775808e18", std::numeric_limits<int64_t>::min()},
      {"100000000000000000000e-2", 1000000000000000000},
      {"0.00000000000000000000000000000000000000000000000000000000000000000000000001e74", 1},
  };
  for (const IntCase& c : ok) {
    Value v = parse_ok(c.text);
    int64_t out = 12345;
    EXPECT_TRUE(v.as_int64(&out)) << c.text;
    EXPECT_EQ(out, c.value) << c.text;
  }
  const char* rejected[] = {
      "9223372036854775808",
      "-9223372036854775809",
      "18446744073709551616",
      "1.5",
      "1e30",
      "1e19",
      "-1e-1",
      "1e-400",
      "123456789012345678901234567890",
      "1e99999999999999999999",
  };
  for (const char* text : rejected) {
    int64_t out = 12345;
    EXPECT_FALSE(parse_ok(text).as_int64(&out)) << text;
  }
  int64_t out;
  EXPECT_FALSE(Value::string("1").as_int64(&out));
  EXPECT_FALSE(Value::number(std::nan("")).as_int64(&out));
  EXPECT_TRUE(Value::integer(std::numeric_limits<int64_t>::min()).as_int64(&out));
  EXPECT_EQ(out, std::numeric_limits<int64_t>::min());
  EXPECT_EQ(Value::integer(std::numeric_limits<int64_t>::min()).text(), "-9223372036854775808");
  EXPECT_EQ(Value::integer(0).text(), "0");
}

TEST(JsonNumbers, AsDouble) {
  EXPECT_EQ(parse_ok("0.1").as_double(), 0.1);
  EXPECT_EQ(parse_ok("-2.5E-3").as_double(), -0.0025);
  EXPECT_EQ(parse_ok("9007199254740993").as_double(), 9007199254740992.0);
  EXPECT_EQ(parse_ok("1e400").as_double(), std::numeric_limits<double>::infinity());
  EXPECT_EQ(parse_ok("-1e400").as_double(), -std::numeric_limits<double>::infinity());
  EXPECT_EQ(parse_ok("1e-400").as_double(), 0.0);
  EXPECT_TRUE(std::signbit(parse_ok("-0").as_double()));
  EXPECT_EQ(parse_ok("4.9406564584124654e-324").as_double(), 5e-324);
  EXPECT_EQ(parse_ok("2.2250738585072011e-308").as_double(), 2.2250738585072011e-308);
  EXPECT_EQ(parse_ok("1.7976931348623157e308").as_double(), 1.7976931348623157e308);
  EXPECT_TRUE(std::isnan(Value::number(std::nan("")).as_double()));
  EXPECT_EQ(Value::number(-std::numeric_limits<double>::infinity()).as_double(),
            -std::numeric_limits<double>::infinity());
}

TEST(JsonNumbers, NumberFromDoubleUsesShortestText) {
  EXPECT_EQ(Value::number(0.1).text(), "0.1");
  EXPECT_EQ(Value::number(5.0).text(), "5");
  EXPECT_EQ(Value::number(-1e21).text(), "-1e+21");
}

// Outputs of JavaScript's Number.prototype.toString (V8) for the same doubles.
TEST(JsonWriteDouble, MatchesJavaScript) {
  struct DoubleCase {
    double value;
    const char* js;
  };
  const DoubleCase cases[] = {
      {0.0, "0"},
      {1.0, "1"},
      {-1.0, "-1"},
      {5.0, "5"},
      {0.1, "0.1"},
      {0.2, "0.2"},
      {0.1 + 0.2, "0.30000000000000004"},
      {1.0 / 3.0, "0.3333333333333333"},
      {2.0 / 3.0, "0.6666666666666666"},
      {-1.5, "-1.5"},
      {3.141592653589793, "3.141592653589793"},
      {123.456, "123.456"},
      {100.0, "100"},
      {1e20, "100000000000000000000"},
      {1.2345678901234568e20, "123456789012345680000"},
      {1e21, "1e+21"},
      {1.5e21, "1.5e+21"},
      {1e22, "1e+22"},
      {123e45, "1.23e+47"},
      {1e-6, "0.000001"},
      {1.5e-6, "0.0000015"},
      {1e-7, "1e-7"},
      {1.5e-7, "1.5e-7"},
      {0.000123, "0.000123"},
      {5e-324, "5e-324"},
      {-5e-324, "-5e-324"},
      {2.2250738585072014e-308, "2.2250738585072014e-308"},
      {1.7976931348623157e308, "1.7976931348623157e+308"},
      {9007199254740992.0, "9007199254740992"},
      {9007199254740994.0, "9007199254740994"},
      {4294967295.0, "4294967295"},
      {1e15, "1000000000000000"},
      {123456789.12345679, "123456789.12345679"},
      {0.1 * 3, "0.30000000000000004"},
      {1.0e23, "1e+23"},
      {9.5, "9.5"},
      {0.5, "0.5"},
      {2.5e-5, "0.000025"},
      {1.7976931348623155e308, "1.7976931348623155e+308"},
      {4.35, "4.35"},
      {0.3, "0.3"},
      {5e-7, "5e-7"},
      {999999999999999900000.0, "999999999999999900000"},
      {9.999999999999997e22, "9.999999999999997e+22"},
      {9007199254740991.0, "9007199254740991"},
      {1152921504606846976.0, "1152921504606847000"},    // 2^60
      {18446744073709551616.0, "18446744073709552000"},  // 2^64
      {123456789012.0, "123456789012"},
      {4.4e16, "44000000000000000"},
      {0.1 + 0.7, "0.7999999999999999"},
      {1.0 / 7.0, "0.14285714285714285"},
      {1.5e-323, "1.5e-323"},
      {1e-5, "0.00001"},
      {7.123456789e-300, "7.123456789e-300"},
      // Just above a power of two the lower neighbour is too far: the
      // shortest text rounds the other way.
      {7.1202363472230444e-307, "7.120236347223045e-307"},
      {8.2090736025967525e-289, "8.209073602596753e-289"},
  };
  for (const DoubleCase& c : cases) EXPECT_EQ(double_text(c.value), c.js) << c.js;
}

TEST(JsonWriteDouble, SpecialValues) {
  EXPECT_EQ(double_text(-0.0), "-0");  // the one deliberate difference from JS ("0")
  EXPECT_EQ(double_text(std::nan("")), "NaN");
  EXPECT_EQ(double_text(std::numeric_limits<double>::infinity()), "Infinity");
  EXPECT_EQ(double_text(-std::numeric_limits<double>::infinity()), "-Infinity");
  EXPECT_TRUE(std::signbit(parse_ok("-0").as_double()));
}

// Every double written must parse back to itself, and no shorter text would.
TEST(JsonWriteDouble, RoundTripsManyValues) {
  uint64_t state = 0x9E3779B97F4A7C15ULL;
  auto next = [&state] {
    state ^= state << 13;
    state ^= state >> 7;
    state ^= state << 17;
    return state;
  };
  for (int i = 0; i < 20000; ++i) {
    uint64_t bits = next();
    double d = __builtin_bit_cast(double, bits);
    if (!std::isfinite(d)) continue;
    std::string text = double_text(d);
    Result<Value> parsed = parse(text);
    ASSERT_TRUE(parsed.is_ok()) << text;
    double back = parsed.value().as_double();
    ASSERT_EQ(__builtin_bit_cast(uint64_t, back), bits) << text;
  }
  for (double d : {0.1, 1e300, 3e-310, 123456.789, 1.0 / 7}) {
    for (int scale = 0; scale < 40 && std::isfinite(d); ++scale, d *= 3.7) {
      EXPECT_EQ(parse_ok(double_text(d)).as_double(), d) << double_text(d);
    }
  }
}

TEST(JsonWriteFloat, ShortestText) {
  struct FloatCase {
    float value;
    const char* text;
  };
  const FloatCase cases[] = {
      {0.0f, "0"},
      {1.0f, "1"},
      {0.1f, "0.1"},
      {-0.1f, "-0.1"},
      {0.2f, "0.2"},
      {1.0f / 3.0f, "0.33333334"},
      {3.14159265f, "3.1415927"},
      {16777216.0f, "16777216"},
      {16777217.0f, "16777216"},
      {1e10f, "10000000000"},
      {1e21f, "1e+21"},
      {3.4028235e38f, "3.4028235e+38"},
      {1.17549435e-38f, "1.1754944e-38"},
      {1e-45f, "1e-45"},
      {1.5e-7f, "1.5e-7"},
      {100.5f, "100.5"},
  };
  for (const FloatCase& c : cases) EXPECT_EQ(float_text(c.value), c.text) << c.text;
  EXPECT_EQ(float_text(-0.0f), "-0");
  EXPECT_EQ(float_text(std::numeric_limits<float>::quiet_NaN()), "NaN");
  EXPECT_EQ(float_text(-std::numeric_limits<float>::infinity()), "-Infinity");
}

TEST(JsonWriteFloat, RoundTripsManyValues) {
  uint32_t state = 2463534242u;
  for (int i = 0; i < 20000; ++i) {
    state ^= state << 13;
    state ^= state >> 17;
    state ^= state << 5;
    float f = __builtin_bit_cast(float, state);
    if (!std::isfinite(f)) continue;
    std::string text = float_text(f);
    float back = static_cast<float>(parse_ok(text).as_double());
    ASSERT_EQ(__builtin_bit_cast(uint32_t, back), state) << text;
  }
}

// ---------------------------------------------------------------------------
// Writing

TEST(JsonWrite, WriteString) {
  std::string out;
  write_string("a\"b\\c/d", out);
  EXPECT_EQ(out, R"("a\"b\\c/d")");
  out.clear();
  write_string(std::string("\b\f\n\r\t\x01\x1f\0 \x7f", 10), out);
  EXPECT_EQ(out, "\"\\b\\f\\n\\r\\t\\u0001\\u001f\\u0000 \x7f\"");
  out = "prefix:";
  write_string("caf\xc3\xa9 \xe2\x80\xa8", out);
  EXPECT_EQ(out, "prefix:\"caf\xc3\xa9 \xe2\x80\xa8\"");
}

TEST(JsonWrite, CompactOutput) {
  Value v = Value::object({
      {"name", Value::string("x\ny")},
      {"n", Value::array({Value::integer(-3), Value::number(2.5), Value::number(std::string("1e3")),
                          Value::boolean(true), Value::boolean(false), Value()})},
      {"empty", Value::object()},
      {"list", Value::array()},
  });
  EXPECT_EQ(write(v), R"({"name":"x\ny","n":[-3,2.5,1e3,true,false,null],"empty":{},"list":[]})");
  std::string out = "[";
  write_to(Value::integer(7), out);
  EXPECT_EQ(out, "[7");
}

TEST(JsonWrite, ParseWriteRoundTrip) {
  const char* texts[] = {
      R"({"type":"record","name":"r","fields":[{"name":"a","type":"long","default":-9223372036854775808}]})",
      R"([1,-0,0.5,1e-7,12345678901234567890123,"\u0000\"\\",true,false,null,{},[]])",
      "{\"s\":\"\xf0\x9f\x98\x80 \\u001f\",\"dup\":1,\"dup\":2}",
      "\"\"",
      "-1.5E+300",
  };
  for (const char* text : texts) {
    Value v = parse_ok(text);
    std::string written = write(v);
    Value again = parse_ok(written);
    EXPECT_EQ(v, again) << text;
    EXPECT_EQ(write(again), written) << text;
  }
  // Whitespace is dropped, number texts are kept verbatim.
  EXPECT_EQ(write(parse_ok(" [ 1.50 , 2E3 ,\n{ \"a\" : -0 } ] ")), R"([1.50,2E3,{"a":-0}])");
  EXPECT_EQ(write(parse_ok(R"("\u00e9\/")")), "\"\xc3\xa9/\"");
}

// ---------------------------------------------------------------------------
// Equality

TEST(JsonEquality, Numbers) {
  auto eq = [](const char* a, const char* b) { return parse_ok(a) == parse_ok(b); };
  EXPECT_TRUE(eq("1", "1.0"));
  EXPECT_TRUE(eq("1000", "1e3"));
  EXPECT_TRUE(eq("0", "-0"));
  EXPECT_TRUE(eq("0.0", "-0e5"));
  EXPECT_TRUE(eq("0.1", "0.10000000000000001"));  // same double
  EXPECT_TRUE(eq("2.5", "25e-1"));
  EXPECT_TRUE(eq("123456789012345678901234567890", "1.2345678901234567890123456789e29"));
  EXPECT_FALSE(eq("9007199254740993", "9007199254740992"));  // exact for integers
  EXPECT_FALSE(eq("9223372036854775808", "9223372036854775809"));
  EXPECT_FALSE(eq("1e400", "2e400"));
  EXPECT_FALSE(eq("1", "-1"));
  EXPECT_FALSE(eq("1.5", "1.25"));
  EXPECT_FALSE(eq("1", "1.5"));
  EXPECT_TRUE(Value::number(std::nan("")) == Value::number(std::nan("")));
  EXPECT_TRUE(Value::integer(5) == Value::number(5.0));
  EXPECT_FALSE(Value::integer(1) == Value::string("1"));
}

TEST(JsonEquality, Structures) {
  auto eq = [](const char* a, const char* b) { return parse_ok(a) == parse_ok(b); };
  EXPECT_TRUE(eq("null", "null"));
  EXPECT_FALSE(eq("null", "false"));
  EXPECT_FALSE(eq("true", "false"));
  EXPECT_TRUE(eq(R"("a")", R"("\u0061")"));
  EXPECT_TRUE(eq("[1,[2,{}]]", "[1,[2,{}]]"));
  EXPECT_FALSE(eq("[1,2]", "[2,1]"));
  EXPECT_FALSE(eq("[1,2]", "[1,2,3]"));
  EXPECT_TRUE(eq(R"({"a":1,"b":[true]})", R"({"b":[true],"a":1.0})"));
  EXPECT_FALSE(eq(R"({"a":1,"b":2})", R"({"a":1,"c":2})"));
  EXPECT_FALSE(eq(R"({"a":1})", R"({"a":1,"b":2})"));
  EXPECT_FALSE(eq(R"({"a":1,"b":2})", R"({"b":2,"a":3})"));
  // Duplicate keys compare as multisets, symmetrically.
  EXPECT_TRUE(eq(R"({"a":1,"b":0,"a":2})", R"({"a":2,"a":1,"b":0})"));
  EXPECT_FALSE(eq(R"({"a":1,"a":1})", R"({"a":1,"a":2})"));
  EXPECT_FALSE(eq(R"({"a":1,"a":2})", R"({"a":1,"a":1})"));
  EXPECT_FALSE(eq(R"({"a":1,"a":1,"b":1})", R"({"a":1,"b":1,"b":1})"));
  EXPECT_TRUE(Value::object() != Value::array());
}

// ---------------------------------------------------------------------------
// Scale

TEST(JsonParse, LargeDocument) {
  std::string text = "[";
  for (int i = 0; i < 20000; ++i) {
    if (i > 0) text += ',';
    text += R"({"id":)" + std::to_string(i) + R"(,"name":"item \u00e9 )" + std::to_string(i) +
            R"(","score":)" + std::to_string(i) + ".25}";
  }
  text += "]";
  Value v = parse_ok(text);
  ASSERT_EQ(v.items().size(), 20000u);
  int64_t id = 0;
  ASSERT_TRUE(v.items()[19999].find("id")->as_int64(&id));
  EXPECT_EQ(id, 19999);
  EXPECT_EQ(v.items()[5].find("name")->text(), "item \xc3\xa9 5");
  EXPECT_EQ(v.items()[5].find("score")->as_double(), 5.25);
}

}  // namespace
}  // namespace avro::json
