// Counter-based random numbers for the study layer.
//
// Every random number is a pure function of (stream, index): the index-th number of a stream is
// SplitMix64's output function applied to stream + index × γ (γ = 2^64 / golden ratio). There is
// no generator state to share, so a sample is the same whichever thread computes it, in whatever
// order: the same seed gives the same numbers on every run and every thread count.
#pragma once

#include <cstdint>
#include <string_view>

namespace tinyfoot::study {

/// The Weyl increment of SplitMix64 (2^64 divided by the golden ratio, odd).
inline constexpr std::uint64_t kGoldenGamma = 0x9E3779B97F4A7C15ull;

/// SplitMix64's output function (Steele, Lea & Flood, OOPSLA 2014): a bijective 64-bit mixer.
constexpr std::uint64_t mix64(std::uint64_t z) {
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
    return z ^ (z >> 31);
}

/// The index-th 64-bit number of a stream.
constexpr std::uint64_t counterBits(std::uint64_t stream, std::uint64_t index) {
    return mix64(stream + index * kGoldenGamma);
}

/// The index-th uniform number of a stream, in the open interval (0, 1): 53 random bits, centred
/// in their cell so that neither 0 nor 1 can occur (inverse CDFs stay finite).
constexpr double counterUniform(std::uint64_t stream, std::uint64_t index) {
    return (static_cast<double>(counterBits(stream, index) >> 11) + 0.5) * 0x1.0p-53;
}

/// FNV-1a hash of a name: turns an input key ("factor:ic.mcu_die") into part of a stream id.
constexpr std::uint64_t hashName(std::string_view name) {
    std::uint64_t h = 0xCBF29CE484222325ull;
    for (const char c : name) {
        h ^= static_cast<std::uint8_t>(c);
        h *= 0x100000001B3ull;
    }
    return h;
}

/// The stream of one named input under a seed. `salt` separates independent sample matrices of
/// one run (Sobol's A and B). Inputs with the same name share their stream in every system of a
/// study: that is what gives compared systems common random numbers.
constexpr std::uint64_t streamFor(std::uint64_t seed, std::string_view name, std::uint64_t salt = 0) {
    return mix64(mix64(seed ^ 0x5DEECE66Dull) ^ hashName(name) ^ mix64(salt + kGoldenGamma));
}

} // namespace tinyfoot::study
