#include "sim/engine/random_stream.h"

#include <Random123/philox.h>
#include <gtest/gtest.h>

#include <algorithm>
#include <boost/random/exponential_distribution.hpp>
#include <cmath>
#include <concepts>
#include <cstdint>
#include <random>
#include <vector>

namespace ccsim::engine {
namespace {

static_assert(std::uniform_random_bit_generator<RandomStream>);

std::vector<uint64_t> Draw(RandomStream stream, int n) {
  std::vector<uint64_t> out;
  out.reserve(n);
  for (int i = 0; i < n; ++i) out.push_back(stream());
  return out;
}

// Enough draws to cross several Philox blocks of four.
constexpr int kDraws = 64;

TEST(RandomStreamTest, SameIdentityGivesSameSequence) {
  EXPECT_EQ(Draw(RandomStream(42, 3, 2, 17), 1000), Draw(RandomStream(42, 3, 2, 17), 1000));
}

TEST(RandomStreamTest, EachPartOfTheIdentityChangesTheSequence) {
  const std::vector<uint64_t> base = Draw(RandomStream(42, 3, 2, 17), kDraws);
  EXPECT_NE(Draw(RandomStream(43, 3, 2, 17), kDraws), base) << "seed";
  EXPECT_NE(Draw(RandomStream(42, 4, 2, 17), kDraws), base) << "replication";
  EXPECT_NE(Draw(RandomStream(42, 3, 1, 17), kDraws), base) << "purpose";
  EXPECT_NE(Draw(RandomStream(42, 3, 2, 18), kDraws), base) << "entity";
  EXPECT_NE(Draw(RandomStream(42, 3, 2, 17, 1), kDraws), base) << "sub";
  EXPECT_EQ(Draw(RandomStream(42, 3, 2, 17, 0), kDraws), base) << "sub defaults to 0";
}

TEST(RandomStreamTest, ReplicationAndPurposeDoNotAlias) {
  // Both are packed into one key word; swapping them must not give the same stream.
  EXPECT_NE(Draw(RandomStream(1, 1, 0, 0), kDraws), Draw(RandomStream(1, 0, 1, 0), kDraws));
  EXPECT_NE(Draw(RandomStream(1, 0, 0, 0), kDraws), Draw(RandomStream(0, 0, 0, 1), kDraws));
}

TEST(RandomStreamTest, NeighbouringStreamsDoNotOverlap) {
  // Entity 1 (or sub 1) must not be entity 0 shifted by some blocks: no draw of one appears
  // in the other.
  const std::vector<uint64_t> a = Draw(RandomStream(9, 0, 0, 0), 4096);
  for (const RandomStream& other : {RandomStream(9, 0, 0, 1), RandomStream(9, 0, 0, 0, 1)}) {
    for (uint64_t x : Draw(other, 4096)) {
      ASSERT_EQ(std::find(a.begin(), a.end(), x), a.end());
    }
  }
}

TEST(RandomStreamTest, FirstBlockIsPhilox4x64OfCounterZero) {
  // The mapping: key {seed, replication << 32 | purpose}, counter
  // {draw block, entity, sub, 0}. Computed here with Random123's C interface.
  const philox4x64_ctr_t ctr = {{0, 0, 0, 0}};
  const philox4x64_key_t key = {{1, 0}};
  const philox4x64_ctr_t want = philox4x64(ctr, key);
  RandomStream stream(/*seed=*/1, /*replication=*/0, /*purpose=*/0, /*entity=*/0);
  for (int i = 0; i < 4; ++i) EXPECT_EQ(stream(), want.v[i]) << i;

  // The next block is counter {1, 0, 0, 0}.
  const philox4x64_ctr_t ctr1 = {{1, 0, 0, 0}};
  const philox4x64_ctr_t want1 = philox4x64(ctr1, key);
  for (int i = 0; i < 4; ++i) EXPECT_EQ(stream(), want1.v[i]) << i;
}

TEST(RandomStreamTest, IdentityMapsToKeyAndCounter) {
  const philox4x64_ctr_t ctr = {{0, 77, 8, 0}};
  const philox4x64_key_t key = {{5, (uint64_t{3} << 32) | 2}};
  const philox4x64_ctr_t want = philox4x64(ctr, key);
  RandomStream stream(/*seed=*/5, /*replication=*/3, /*purpose=*/2, /*entity=*/77, /*sub=*/8);
  for (int i = 0; i < 4; ++i) EXPECT_EQ(stream(), want.v[i]) << i;
}

TEST(RandomStreamTest, Uniform01IsInHalfOpenUnitIntervalWithMeanOneHalf) {
  constexpr int kN = 1'000'000;
  RandomStream stream(2024, 0, 0, 0);
  double sum = 0;
  for (int i = 0; i < kN; ++i) {
    const double u = stream.Uniform01();
    ASSERT_GT(u, 0.0);
    ASSERT_LE(u, 1.0);
    sum += u;
  }
  // Standard error of the mean of U(0,1): sqrt(1/12 / n).
  const double se = std::sqrt(1.0 / 12.0 / kN);
  EXPECT_NEAR(sum / kN, 0.5, 5 * se);
}

TEST(RandomStreamTest, Uniform01MapsTop53BitsPlusOne) {
  // (x >> 11) + 1 is in [1, 2^53], so the result is in (0, 1] with no rounding.
  const philox4x64_ctr_t ctr = {{0, 0, 0, 0}};
  const philox4x64_key_t key = {{11, 0}};
  const uint64_t first = philox4x64(ctr, key).v[0];
  RandomStream stream(11, 0, 0, 0);
  EXPECT_EQ(stream.Uniform01(), static_cast<double>((first >> 11) + 1) / 9007199254740992.0);
}

TEST(RandomStreamTest, DrivesBoostExponential) {
  constexpr int kN = 1'000'000;
  constexpr double kRate = 2.0;
  RandomStream stream(7, 1, 3, 0);
  boost::random::exponential_distribution<double> exponential(kRate);
  double sum = 0;
  for (int i = 0; i < kN; ++i) {
    const double x = exponential(stream);
    ASSERT_GE(x, 0.0);
    ASSERT_TRUE(std::isfinite(x));
    sum += x;
  }
  // The exponential's standard deviation equals its mean, 1 / rate.
  const double se = (1.0 / kRate) / std::sqrt(static_cast<double>(kN));
  EXPECT_NEAR(sum / kN, 1.0 / kRate, 5 * se);
}

TEST(RandomStreamTest, StreamsAreIndependentOfEachOthersDraws) {
  const std::vector<uint64_t> alone = Draw(RandomStream(5, 0, 1, 0), 1000);

  RandomStream a(5, 0, 1, 0);
  RandomStream b(5, 0, 2, 0);
  std::vector<uint64_t> interleaved;
  for (int i = 0; i < 1000; ++i) {
    interleaved.push_back(a());
    for (int j = 0; j < i % 7; ++j) b();  // uneven, so b crosses block edges at other times
  }
  EXPECT_EQ(interleaved, alone);
}

TEST(RandomStreamTest, CopyContinuesFromTheSamePoint) {
  RandomStream a(3, 0, 0, 0);
  for (int i = 0; i < 6; ++i) a();  // mid-block
  RandomStream b = a;
  EXPECT_EQ(Draw(a, 20), Draw(b, 20));
}

}  // namespace
}  // namespace ccsim::engine
