curl -X POST 'http://127.0.0.1:8080/orders?draft=1' -H 'Content-Type: application/json' \
  -H "Authorization: Bearer $TOKEN" --data-raw '{"item":"tea"}' -m 2.5 --connect-timeout 1 -L --max-redirs 3 -k --compressed
