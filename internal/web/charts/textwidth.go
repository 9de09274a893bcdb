package charts

// Advance widths of DejaVu Sans and DejaVu Sans Bold for the printable ASCII
// characters (space to tilde), in thousandths of an em. DejaVu is the widest
// of the common sans-serif faces (the fallback on most Linux systems), so a
// box sized with it holds its text in the narrower faces of macOS, Windows
// and Android too.
var (
	sansWidths = [95]uint16{
		317, 400, 459, 837, 636, 950, 779, 274, 390, 390, 500, 837, 317, 360, 317, 336,
		636, 636, 636, 636, 636, 636, 636, 636, 636, 636, 336, 336, 837, 837, 837, 530,
		1000, 684, 686, 698, 770, 631, 575, 774, 751, 294, 294, 655, 557, 862, 748, 787,
		603, 787, 694, 634, 610, 731, 684, 988, 685, 610, 685, 390, 336, 390, 837, 500,
		500, 612, 634, 549, 634, 615, 352, 634, 633, 277, 277, 579, 277, 974, 633, 611,
		634, 634, 411, 520, 392, 633, 591, 817, 591, 591, 524, 636, 336, 636, 837,
	}
	boldWidths = [95]uint16{
		348, 456, 520, 837, 695, 1001, 872, 306, 457, 457, 522, 837, 379, 415, 379, 365,
		695, 695, 695, 695, 695, 695, 695, 695, 695, 695, 399, 399, 837, 837, 837, 580,
		1000, 773, 762, 733, 830, 683, 683, 820, 836, 372, 372, 774, 637, 995, 836, 850,
		732, 850, 770, 720, 682, 812, 773, 1103, 770, 724, 725, 457, 365, 457, 837, 500,
		500, 674, 715, 592, 715, 678, 435, 715, 711, 342, 342, 665, 342, 1041, 711, 687,
		715, 715, 493, 595, 478, 711, 651, 923, 645, 651, 582, 711, 365, 711, 837,
	}
)

// textWidth estimates how wide s is drawn at size (in user units). Letters
// outside ASCII count as wide ones; ideographs and other full-width
// characters as a whole em.
func textWidth(s string, size float64, bold bool) float64 {
	table := &sansWidths
	if bold {
		table = &boldWidths
	}
	var w float64
	for _, r := range s {
		switch {
		case r >= ' ' && r <= '~':
			w += float64(table[r-' '])
		case r >= 0x1100 && (r <= 0x115f || r >= 0x2e80):
			w += 1000
		default:
			w += 800
		}
	}
	return w * size / 1000
}
