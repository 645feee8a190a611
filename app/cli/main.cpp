// tinyfoot: the command line of TinyFoot. Every figure the desktop app shows can be produced here
// as a table, JSON or CSV. Commands live in commands/, one file each.
#include "cli.h"

#include "tinyfoot/engine/error.h"

#include <iostream>

namespace {

using namespace tinyfoot;
using namespace tinyfoot::cli;

constexpr const char* kVersion = TINYFOOT_VERSION;

void printMainHelp() {
    std::cout << "tinyfoot - life-cycle carbon footprint (kg CO2e) of TinyML systems\n\n"
                 "Usage: tinyfoot [--data DIR] COMMAND [ARGS] [OPTIONS]\n\nCommands:\n";
    for (const auto& [name, c] : commands()) {
        std::string padded = name;
        padded.resize(std::max<std::size_t>(padded.size() + 2, 16), ' ');
        std::cout << "  " << padded << c.summary << "\n";
    }
    std::cout << "  help [COMMAND]  show help for a command\n"
                 "  --version       print the version\n\n"
                 "Global option:\n"
                 "  --data DIR      folder holding data/ and presets/ (default: TINYFOOT_DATA, then the\n"
                 "                  installed copy, then the source tree)\n\n"
                 "Exit codes: 0 success, 1 unexpected failure, 2 usage error, 3 invalid input file,\n"
                 "            4 output could not be written, 5 result incomplete (a factor is missing),\n"
                 "            6 interrupted (partial results are marked as partial).\n";
}

int run(int argc, char** argv) {
    std::vector<std::string> words(argv + 1, argv + argc);
    std::optional<std::filesystem::path> dataRoot;
    // Global options come before the command; --data is also accepted after it.
    for (std::size_t i = 0; i < words.size(); ++i) {
        if (words[i] != "--data") continue;
        if (i + 1 >= words.size()) throw UsageError("--data expects a folder");
        dataRoot = words[i + 1];
        words.erase(words.begin() + static_cast<std::ptrdiff_t>(i), words.begin() + static_cast<std::ptrdiff_t>(i) + 2);
        break;
    }
    if (words.empty()) throw UsageError("no command given");
    const std::string name = words.front();
    words.erase(words.begin());
    if (name == "--version") {
        std::cout << "tinyfoot " << kVersion << "\n";
        return kOk;
    }
    if (name == "help" || name == "--help" || name == "-h") {
        if (words.empty()) {
            printMainHelp();
            return kOk;
        }
        const auto it = commands().find(words.front());
        if (it == commands().end()) throw UsageError("no help for '" + words.front() + "'");
        std::cout << it->second.help;
        return kOk;
    }
    const auto it = commands().find(name);
    if (it == commands().end()) throw UsageError("unknown command '" + name + "'");
    for (const auto& w : words) {
        if (w == "--help" || w == "-h") {
            std::cout << it->second.help;
            return kOk;
        }
    }
    Environment env(dataRoot);
    return it->second.run(words, env);
}

} // namespace

int main(int argc, char** argv) {
    try {
        return run(argc, argv);
    } catch (const UsageError& e) {
        std::cerr << "tinyfoot: " << e.what() << "\nRun 'tinyfoot help' for usage.\n";
        return kUsage;
    } catch (const Error& e) {
        std::cerr << "tinyfoot: " << e.what() << "\n";
        return kBadInput;
    } catch (const std::exception& e) {
        std::cerr << "tinyfoot: unexpected failure: " << e.what() << "\n";
        return kUnexpected;
    }
}
