resource aws_s3_bucket 1b {
}
