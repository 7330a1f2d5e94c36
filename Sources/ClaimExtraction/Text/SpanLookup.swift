extension RandomAccessCollection where Index == Int {
    /// The indices of the elements whose `start` lies in `range`, for a collection sorted by
    /// `start`: found by binary search, so a per-sentence or per-quotation question costs
    /// O(log n) plus its answer, not a scan of the whole document.
    func indices(startingIn range: Range<Int>, start: (Element) -> Int) -> Range<Int> {
        func firstIndex(notBelow bound: Int) -> Int {
            var low = startIndex, high = endIndex
            while low < high {
                let middle = low + (high - low) / 2
                if start(self[middle]) < bound { low = middle + 1 } else { high = middle }
            }
            return low
        }
        return firstIndex(notBelow: range.lowerBound)..<firstIndex(notBelow: range.upperBound)
    }
}
