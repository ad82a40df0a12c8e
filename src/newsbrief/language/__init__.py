"""English news vocabulary, one home for each list.

Submodules: ``stopwords`` (function words and framing words), ``calendar`` (weekday and
month names), ``transcripts`` (broadcast cues and speaker labels), ``quotes`` (quotation-mark
conventions). Stages import the lists from here instead of keeping their own copies.
"""
