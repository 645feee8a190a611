// The one number formatter: locale-independent text for files, terminals and labels, in named
// styles. Every report, CSV, message and label that turns a double into text calls one of these;
// nothing else in the engine or the app formats numbers on its own.
#pragma once

#include <string>

namespace tinyfoot::format {

/// The shortest text that reads back as the same double ("0.1", "1500", "2.5e+11",
/// "0.39399999999999996").
/// For data files (CSV, JSON-like text), where a program reads the value back exactly.
/// Non-finite values print as "inf", "-inf" and "nan".
std::string shortest(double value);

/// The value rounded to `significantDigits` significant digits (1 to 17), as a double: the binary
/// noise of a unit conversion disappears (500 µJ written back from joules is 500, not
/// 500.00000000000006). Non-finite values and zero come back unchanged.
double roundedToSignificant(double value, int significantDigits);

/// shortest() of the value rounded to 15 significant digits: a number as the person who wrote it
/// expects to read it back after a unit conversion ("500", "0.394"). For text meant for people
/// that shows a value converted from the engine's internal units.
std::string shortestRounded(double value);

/// Fixed notation with `decimals` digits after the point (0 to 100), correctly rounded from the
/// exact binary value (2.675, stored as 2.67499999..., prints as "2.67" at two decimals). Zero
/// never carries a sign: -0.001 at two decimals prints "0.00", not "-0.00".
std::string fixed(double value, int decimals);

/// General notation with `significantDigits` significant digits, as printf's %g writes it:
/// trailing zeros dropped, an exponent for very large or small values ("0.2728", "1.298e-05").
std::string general(double value, int significantDigits);

/// `significantDigits` significant digits in fixed notation with the thousands grouped by commas
/// ("1,765", "44.02", "0.01035"); whole digits are never dropped ("1,234,567" at 3 digits);
/// scientific notation from 1e16 up and below 1e-6 ("1.50e+17"). Zero and
/// non-finite values print as shortest() does. For tables that people read.
std::string grouped(double value, int significantDigits);

/// A count (devices, samples, model runs): a whole number in full with its thousands grouped
/// ("250,000,000,000"), any other value as grouped(value, 4).
std::string count(double value);

/// A ratio for people, to three significant digits with an "x": "391x", "38.1x", "4.82x",
/// "0.128x"; "n/a" for zero, negative and non-finite values.
std::string ratio(double value);

/// A CO2e mass for people, from kg: kg, t, kt, Mt or Gt CO2e (up to 9,999 of a unit before the
/// next), as grouped(…, 4) with the unit ("1,765 Mt CO2e", "0.2728 kg CO2e"). Display only:
/// files carry kg_co2e.
std::string co2eForPeople(double kgCo2e);

} // namespace tinyfoot::format
