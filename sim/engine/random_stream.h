// Random streams identified by (seed, replication, purpose, entity, sub).
//
// A RandomStream is a counter-based generator (Random123's Philox4x64-10): its draws are a
// pure function of its identity and how many numbers were taken, so a stream can be made
// for any entity at any time without state shared between entities, replications or
// threads. Keeping purposes apart (arrivals, handle times, patience, routing, ...) and
// keying per-contact draws by the contact's stable identity gives common random numbers:
// two policies run with the same seed see the same customers.
//
// It satisfies UniformRandomBitGenerator, so Boost.Random distributions take it by reference.
//
// Example:
//   RandomStream arrivals(seed, rep, Purpose(1), /*entity=*/type_index);
//   boost::random::exponential_distribution<double> next(rate);
//   double gap = next(arrivals);
//
// Thread safety: a stream is a small value; use one per thread.
#ifndef CCSIM_ENGINE_RANDOM_STREAM_H_
#define CCSIM_ENGINE_RANDOM_STREAM_H_

#include <Random123/philox.h>

#include <cstdint>
#include <limits>

namespace ccsim::engine {

class RandomStream {
 public:
  using result_type = uint64_t;

  // `sub` separates streams of one entity further (e.g. a customer's n-th contact).
  RandomStream(uint64_t seed, uint32_t replication, uint32_t purpose, uint64_t entity,
               uint64_t sub = 0) {
    key_ = {{seed, (static_cast<uint64_t>(replication) << 32) | purpose}};
    ctr_ = {{0, entity, sub, 0}};
  }

  static constexpr result_type min() { return 0; }
  static constexpr result_type max() { return std::numeric_limits<result_type>::max(); }

  result_type operator()() {
    if (used_ == 4) {
      block_ = philox_(ctr_, key_);
      ++ctr_.v[0];
      used_ = 0;
    }
    return block_.v[used_++];
  }

  // A uniform double in (0, 1]: never 0, so log(U) is finite.
  double Uniform01() { return static_cast<double>(((*this)() >> 11) + 1) * 0x1.0p-53; }

 private:
  using Philox = r123::Philox4x64;
  Philox philox_;
  Philox::key_type key_;
  Philox::ctr_type ctr_;
  Philox::ctr_type block_;
  int used_ = 4;
};

}  // namespace ccsim::engine

#endif  // CCSIM_ENGINE_RANDOM_STREAM_H_
