// A FIFO of trivially copyable values in a power-of-two ring that grows by doubling:
// no allocation once it has reached the largest size the run needs.
#ifndef CCSIM_MODEL_RING_QUEUE_H_
#define CCSIM_MODEL_RING_QUEUE_H_

#include <cstddef>
#include <vector>

namespace ccsim::model {

template <class T>
class RingQueue {
 public:
  explicit RingQueue(size_t capacity = 16) {
    size_t c = 16;
    while (c < capacity) c *= 2;
    items_.resize(c);
  }

  bool empty() const { return size_ == 0; }
  size_t size() const { return size_; }
  // REQUIRES: i < size(). 0 is the front.
  const T& operator[](size_t i) const { return items_[(head_ + i) & (items_.size() - 1)]; }
  const T& front() const { return items_[head_]; }

  void push_back(const T& v) {
    if (size_ == items_.size()) Grow();
    items_[(head_ + size_) & (items_.size() - 1)] = v;
    ++size_;
  }
  void push_front(const T& v) {
    if (size_ == items_.size()) Grow();
    head_ = (head_ + items_.size() - 1) & (items_.size() - 1);
    items_[head_] = v;
    ++size_;
  }
  void pop_front() {
    head_ = (head_ + 1) & (items_.size() - 1);
    --size_;
  }
  // Removes the i-th item, keeping the order of the others. O(size).
  void erase_at(size_t i) {
    const size_t mask = items_.size() - 1;
    for (size_t k = i; k + 1 < size_; ++k) {
      items_[(head_ + k) & mask] = items_[(head_ + k + 1) & mask];
    }
    --size_;
  }

 private:
  void Grow() {
    std::vector<T> bigger(items_.size() * 2);
    for (size_t k = 0; k < size_; ++k) bigger[k] = (*this)[k];
    items_.swap(bigger);
    head_ = 0;
  }

  std::vector<T> items_;
  size_t head_ = 0;
  size_t size_ = 0;
};

}  // namespace ccsim::model

#endif  // CCSIM_MODEL_RING_QUEUE_H_
