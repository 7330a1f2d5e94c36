/// A tiny hand-written treebank (invented names) for tests that must not need the real one.
/// Fourteen sentences in CoNLL-U, with comments and two multiword tokens.
let tinyTreebank = """
# sent_id = tiny-1
# text = Maren Olsk said the talks would resume .
1	Maren	Maren	PROPN	NNP	_	3	nsubj	_	_
2	Olsk	Olsk	PROPN	NNP	_	1	flat	_	_
3	said	say	VERB	VBD	_	0	root	_	_
4	the	the	DET	DT	_	5	det	_	_
5	talks	talk	NOUN	NNS	_	7	nsubj	_	_
6	would	would	AUX	MD	_	7	aux	_	_
7	resume	resume	VERB	VB	_	3	ccomp	_	_
8	.	.	PUNCT	.	_	3	punct	_	_

# sent_id = tiny-2
# text = The treaty was signed by the Velorian envoy .
1	The	the	DET	DT	_	2	det	_	_
2	treaty	treaty	NOUN	NN	_	4	nsubj:pass	_	_
3	was	be	AUX	VBD	_	4	aux:pass	_	_
4	signed	sign	VERB	VBN	_	0	root	_	_
5	by	by	ADP	IN	_	8	case	_	_
6	the	the	DET	DT	_	8	det	_	_
7	Velorian	Velorian	ADJ	JJ	_	8	amod	_	_
8	envoy	envoy	NOUN	NN	_	4	obl:agent	_	_
9	.	.	PUNCT	.	_	4	punct	_	_

# sent_id = tiny-3
# text = Tarvia and Belmont rejected the plan .
1	Tarvia	Tarvia	PROPN	NNP	_	4	nsubj	_	_
2	and	and	CCONJ	CC	_	3	cc	_	_
3	Belmont	Belmont	PROPN	NNP	_	1	conj	_	_
4	rejected	reject	VERB	VBD	_	0	root	_	_
5	the	the	DET	DT	_	6	det	_	_
6	plan	plan	NOUN	NN	_	4	obj	_	_
7	.	.	PUNCT	.	_	4	punct	_	_

# sent_id = tiny-4
# text = Ilse Varn visited Korvath on Monday .
1	Ilse	Ilse	PROPN	NNP	_	3	nsubj	_	_
2	Varn	Varn	PROPN	NNP	_	1	flat	_	_
3	visited	visit	VERB	VBD	_	0	root	_	_
4	Korvath	Korvath	PROPN	NNP	_	3	obj	_	_
5	on	on	ADP	IN	_	6	case	_	_
6	Monday	Monday	PROPN	NNP	_	3	obl	_	_
7	.	.	PUNCT	.	_	3	punct	_	_

# sent_id = tiny-5
# text = The envoy didn't sign the treaty .
1	The	the	DET	DT	_	2	det	_	_
2	envoy	envoy	NOUN	NN	_	5	nsubj	_	_
3-4	didn't	_	_	_	_	_	_	_	_
3	did	do	AUX	VBD	_	5	aux	_	_
4	n't	not	PART	RB	_	5	advmod	_	_
5	sign	sign	VERB	VB	_	0	root	_	_
6	the	the	DET	DT	_	7	det	_	_
7	treaty	treaty	NOUN	NN	_	5	obj	_	_
8	.	.	PUNCT	.	_	5	punct	_	_

# sent_id = tiny-6
# text = Belmont will host the talks .
1	Belmont	Belmont	PROPN	NNP	_	3	nsubj	_	_
2	will	will	AUX	MD	_	3	aux	_	_
3	host	host	VERB	VB	_	0	root	_	_
4	the	the	DET	DT	_	5	det	_	_
5	talks	talk	NOUN	NNS	_	3	obj	_	_
6	.	.	PUNCT	.	_	3	punct	_	_

# sent_id = tiny-7
# text = The minister praised the Velorian plan .
1	The	the	DET	DT	_	2	det	_	_
2	minister	minister	NOUN	NN	_	3	nsubj	_	_
3	praised	praise	VERB	VBD	_	0	root	_	_
4	the	the	DET	DT	_	6	det	_	_
5	Velorian	Velorian	ADJ	JJ	_	6	amod	_	_
6	plan	plan	NOUN	NN	_	3	obj	_	_
7	.	.	PUNCT	.	_	3	punct	_	_

# sent_id = tiny-8
# text = Tarvia signed the treaty .
1	Tarvia	Tarvia	PROPN	NNP	_	2	nsubj	_	_
2	signed	sign	VERB	VBD	_	0	root	_	_
3	the	the	DET	DT	_	4	det	_	_
4	treaty	treaty	NOUN	NN	_	2	obj	_	_
5	.	.	PUNCT	.	_	2	punct	_	_

# sent_id = tiny-9
# text = The talks resumed on Friday .
1	The	the	DET	DT	_	2	det	_	_
2	talks	talk	NOUN	NNS	_	3	nsubj	_	_
3	resumed	resume	VERB	VBD	_	0	root	_	_
4	on	on	ADP	IN	_	5	case	_	_
5	Friday	Friday	PROPN	NNP	_	3	obl	_	_
6	.	.	PUNCT	.	_	3	punct	_	_

# sent_id = tiny-10
# text = Maren Olsk rejected the envoy's plan .
1	Maren	Maren	PROPN	NNP	_	3	nsubj	_	_
2	Olsk	Olsk	PROPN	NNP	_	1	flat	_	_
3	rejected	reject	VERB	VBD	_	0	root	_	_
4	the	the	DET	DT	_	5	det	_	_
5-6	envoy's	_	_	_	_	_	_	_	_
5	envoy	envoy	NOUN	NN	_	7	nmod:poss	_	_
6	's	's	PART	POS	_	5	case	_	_
7	plan	plan	NOUN	NN	_	3	obj	_	_
8	.	.	PUNCT	.	_	3	punct	_	_

# sent_id = tiny-11
# text = The plan was rejected by Tarvia .
1	The	the	DET	DT	_	2	det	_	_
2	plan	plan	NOUN	NN	_	4	nsubj:pass	_	_
3	was	be	AUX	VBD	_	4	aux:pass	_	_
4	rejected	reject	VERB	VBN	_	0	root	_	_
5	by	by	ADP	IN	_	6	case	_	_
6	Tarvia	Tarvia	PROPN	NNP	_	4	obl:agent	_	_
7	.	.	PUNCT	.	_	4	punct	_	_

# sent_id = tiny-12
# text = Ilse Varn said Belmont would sign .
1	Ilse	Ilse	PROPN	NNP	_	3	nsubj	_	_
2	Varn	Varn	PROPN	NNP	_	1	flat	_	_
3	said	say	VERB	VBD	_	0	root	_	_
4	Belmont	Belmont	PROPN	NNP	_	6	nsubj	_	_
5	would	would	AUX	MD	_	6	aux	_	_
6	sign	sign	VERB	VB	_	3	ccomp	_	_
7	.	.	PUNCT	.	_	3	punct	_	_

# sent_id = tiny-13
# text = According to Maren Olsk , the talks failed .
1	According	accord	VERB	VBG	_	3	case	_	_
2	to	to	ADP	IN	_	1	fixed	_	_
3	Maren	Maren	PROPN	NNP	_	8	obl	_	_
4	Olsk	Olsk	PROPN	NNP	_	3	flat	_	_
5	,	,	PUNCT	,	_	8	punct	_	_
6	the	the	DET	DT	_	7	det	_	_
7	talks	talk	NOUN	NNS	_	8	nsubj	_	_
8	failed	fail	VERB	VBD	_	0	root	_	_
9	.	.	PUNCT	.	_	8	punct	_	_

# sent_id = tiny-14
# text = The envoy and the minister met in Korvath .
1	The	the	DET	DT	_	2	det	_	_
2	envoy	envoy	NOUN	NN	_	6	nsubj	_	_
3	and	and	CCONJ	CC	_	5	cc	_	_
4	the	the	DET	DT	_	5	det	_	_
5	minister	minister	NOUN	NN	_	2	conj	_	_
6	met	meet	VERB	VBD	_	0	root	_	_
7	in	in	ADP	IN	_	8	case	_	_
8	Korvath	Korvath	PROPN	NNP	_	6	obl	_	_
9	.	.	PUNCT	.	_	6	punct	_	_

"""
