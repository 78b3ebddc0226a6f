<p>Mistakes were made &mdash; sorry.</p>
