// Runs numbered blocks of samples on a few threads so that the merged result does not depend on
// the number of threads or on which thread ran which block (internal to the study layer).
//
// Blocks are handed out in rounds of kRoundBlocks. Within a round, threads claim blocks from an
// atomic counter and write each block's partial result into the block's slot; at the end of the
// round the calling thread merges the slots in block order, reports progress and checks for
// cancellation. Memory is one round of slots, whatever the number of samples. A worker finishes
// the block it claimed, so every block that was started is complete and merged; after a cancel,
// the blocks merged are marked by the caller as a partial result.
#pragma once

#include "tinyfoot/engine/study/vector_model.h"

#include <algorithm>
#include <atomic>
#include <barrier>
#include <cstdint>
#include <thread>
#include <vector>

namespace tinyfoot::study::detail {

inline constexpr std::size_t kRoundBlocks = 32;

/// The number of threads to use: `requested`, or every hardware thread when 0; at most `blocks`.
inline unsigned threadCount(unsigned requested, std::uint64_t blocks) {
    unsigned t = requested ? requested : std::max(1u, std::thread::hardware_concurrency());
    if (blocks < t) t = static_cast<unsigned>(std::max<std::uint64_t>(1, blocks));
    return t;
}

/// Job must provide:
///   void work(unsigned thread, std::uint64_t block, std::size_t slot);  // any thread
///   void merge(std::size_t slot, std::uint64_t block);                   // the calling thread
///   std::uint64_t samplesIn(std::uint64_t block) const;
struct BlocksDone {
    std::uint64_t blocks = 0;
    std::uint64_t samples = 0;
};

/// Returns the blocks and samples merged (all of them unless cancelled).
template <class Job>
BlocksDone runBlocks(Job& job, std::uint64_t blocks, unsigned threads, std::uint64_t totalSamples,
                     const RunControl& control) {
    struct Shared {
        std::uint64_t roundFirst = 0, roundEnd = 0;
        std::atomic<std::uint64_t> next{0};
        std::vector<std::uint8_t> done = std::vector<std::uint8_t>(kRoundBlocks, 0);
        bool stop = false;
    } shared;
    std::barrier sync(static_cast<std::ptrdiff_t>(threads));
    const auto claimLoop = [&](unsigned thread) {
        for (;;) {
            if (control.cancelled()) return;
            const std::uint64_t b = shared.next.fetch_add(1, std::memory_order_relaxed);
            if (b >= shared.roundEnd) return;
            const auto slot = static_cast<std::size_t>(b - shared.roundFirst);
            job.work(thread, b, slot);
            shared.done[slot] = 1;
        }
    };
    std::vector<std::thread> pool;
    for (unsigned t = 1; t < threads; ++t) {
        pool.emplace_back([&, t] {
            for (;;) {
                sync.arrive_and_wait(); // round start
                if (shared.stop) return;
                claimLoop(t);
                sync.arrive_and_wait(); // round end
            }
        });
    }
    std::uint64_t merged = 0, samplesDone = 0;
    for (std::uint64_t first = 0; first < blocks; first += kRoundBlocks) {
        shared.roundFirst = first;
        shared.roundEnd = std::min<std::uint64_t>(blocks, first + kRoundBlocks);
        shared.next.store(first, std::memory_order_relaxed);
        std::fill(shared.done.begin(), shared.done.end(), std::uint8_t{0});
        sync.arrive_and_wait();
        claimLoop(0);
        sync.arrive_and_wait();
        for (std::uint64_t b = first; b < shared.roundEnd; ++b) {
            const auto slot = static_cast<std::size_t>(b - first);
            if (!shared.done[slot]) continue;
            job.merge(slot, b);
            ++merged;
            samplesDone += job.samplesIn(b);
        }
        if (control.progress) control.progress(samplesDone, totalSamples);
        if (control.cancelled()) break;
    }
    shared.stop = true;
    sync.arrive_and_wait();
    for (auto& th : pool) th.join();
    return {merged, samplesDone};
}

} // namespace tinyfoot::study::detail
